# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from pathlib import Path

from odoo.modules.module import get_manifest
from odoo.tests import tagged

from .odoo_process import OdooProcessCase

_logger = logging.getLogger(__name__)

MODULE = "crm_user_management"
SHELL_SCRIPT = Path(__file__).with_name("uninstall_shell.py")
# what the addon defines, by name: none of it may survive its uninstall
OUR_NAMES = ("crm_user_management", "CRM role", "CRM visibility", "CRM trash")
OUR_FIELDS = (
    "visibility",
    "visibility_group_ids",
    "visibility_search_group_ids",
    "crm_trash_date",
    "crm_trash_user_id",
    "crm_generated",
    "lifecycle_state",
    "is_role",
    "is_visibility_group",
    "role_permission_ids",
)
# the database's configuration, as rows: after the uninstall it must be what it
# was before the install
SNAPSHOT = {
    "ir_rule": """SELECT r.name, m.model, r.domain_force, r.active, r.perm_read,
                         r.perm_write, r.perm_create, r.perm_unlink,
                         ARRAY(SELECT group_id FROM rule_group_rel g
                                WHERE g.rule_group_id = r.id ORDER BY 1)
                    FROM ir_rule r JOIN ir_model m ON m.id = r.model_id""",
    "ir_model_access": """SELECT a.name, m.model, a.group_id, a.active, a.perm_read,
                                 a.perm_write, a.perm_create, a.perm_unlink
                            FROM ir_model_access a
                            JOIN ir_model m ON m.id = a.model_id""",
    "ir_cron": "SELECT cron_name, active, interval_number, interval_type FROM ir_cron",
    "ir_config_parameter": "SELECT key, value FROM ir_config_parameter",
    "ir_ui_view": "SELECT name, model, key, type, mode, active FROM ir_ui_view",
    "ir_ui_menu": "SELECT name::text, parent_id, action FROM ir_ui_menu",
    "ir_act_server": "SELECT name::text, model_name, state FROM ir_act_server",
    "ir_act_window": "SELECT name::text, res_model FROM ir_act_window",
    "ir_model": "SELECT model FROM ir_model",
    "ir_model_fields": "SELECT model, name, ttype FROM ir_model_fields",
    "ir_model_fields_selection": """SELECT f.model, f.name, s.value
                                      FROM ir_model_fields_selection s
                                      JOIN ir_model_fields f ON f.id = s.field_id""",
    "ir_model_constraint": "SELECT name, type FROM ir_model_constraint",
    "ir_model_relation": "SELECT name FROM ir_model_relation",
    "ir_model_inherit": """SELECT m.model, p.model FROM ir_model_inherit i
                             JOIN ir_model m ON m.id = i.model_id
                             JOIN ir_model p ON p.id = i.parent_id""",
    "ir_model_data": "SELECT module, name, model, res_id FROM ir_model_data",
    "res_groups": "SELECT id, name::text, category_id FROM res_groups",
    "res_groups_implied": "SELECT gid, hid FROM res_groups_implied_rel",
    "ir_module_category": "SELECT name::text FROM ir_module_category",
    "mail_template": "SELECT name::text, model FROM mail_template",
    "tables": """SELECT table_name FROM information_schema.tables
                  WHERE table_schema = 'public'""",
    "columns": """SELECT table_name, column_name, data_type
                    FROM information_schema.columns
                   WHERE table_schema = 'public'""",
    "indexes": """SELECT tablename, indexname, indexdef FROM pg_indexes
                   WHERE schemaname = 'public'""",
    "pg_constraints": """SELECT conrelid::regclass::text, conname FROM pg_constraint c
                           JOIN pg_namespace n ON n.oid = c.connamespace
                          WHERE n.nspname = 'public'""",
}
# searched as each user, after the uninstall
PROBED_MODELS = ("crm.lead", "res.partner", "mail.activity", "crm.activity.report")
# tables whose rows name what defines them
NAMED_TABLES = (
    "ir_rule",
    "ir_model_access",
    "ir_cron",
    "ir_config_parameter",
    "ir_ui_view",
    "ir_ui_menu",
    "ir_act_server",
    "ir_act_window",
    "ir_model",
    "ir_model_fields",
    "res_groups",
    "ir_module_category",
    "mail_template",
)
# each user's groups, for the users that existed before the install
USER_GROUPS = "SELECT uid, gid FROM res_groups_users_rel"
# the records that must all survive the uninstall
DATA_IDS = {
    "res_users": "SELECT id FROM res_users",
    "res_partner": "SELECT id FROM res_partner",
    "crm_lead": "SELECT id FROM crm_lead",
    "mail_activity": "SELECT id FROM mail_activity",
    "mail_message": """SELECT id FROM mail_message
                        WHERE model IN ('crm.lead', 'res.partner', 'res.users')""",
    "crm_team_member": "SELECT id FROM crm_team_member",
}


@tagged("post_install", "-at_install", "crm_uninstall")
class TestUninstall(OdooProcessCase):
    """Apps > Uninstall leaves a stock database: none of our rules, rights,
    views, fields, crons or parameters, every record still there, and every
    user searching through stock rules (the issue: the compiled visibility
    rules stayed and every CRM search failed on the dropped field).

    The uninstall cannot run in the test database: each step runs odoo-bin in
    a database of its own, dropped at the end."""

    def _shell(self, stage, args=None):
        """Run a stage of tests/uninstall_shell.py; return its JSON result."""
        return self._run_shell(SHELL_SCRIPT, "CRM_UNINSTALL", stage, args)

    def _rows(self, queries):
        connection = self._connect(self.db)
        try:
            cursor = connection.cursor()
            result = {}
            for key, query in queries.items():
                cursor.execute(query)
                result[key] = {tuple(map(str, row)) for row in cursor.fetchall()}
            return result
        finally:
            connection.close()

    def _ids(self):
        return {
            key: {int(row[0]) for row in rows}
            for key, rows in self._rows(DATA_IDS).items()
        }

    # ------------------------------------------------------------------
    # the test
    # ------------------------------------------------------------------
    def test_uninstall_leaves_stock_database(self):
        depends = ",".join(get_manifest(MODULE)["depends"])
        # 1. stock: the addon's dependencies with their demo data
        self._install("install dependencies", depends)
        stock = self._rows(SNAPSHOT)
        stock_user_groups = self._rows({"g": USER_GROUPS})["g"]
        stock_probe = self._shell(
            "probe",
            {
                "admin": "base.user_admin",
                "salesman": "base.user_demo",
                "portal": "base.demo_user0",
            },
        )

        # 2. the addon with its demo data, then used
        self._install("install addon", MODULE)
        seeded = self._shell("seed")
        users = seeded["users"]
        before = self._ids()
        self.assertIn(seeded["trashed_lead"], before["crm_lead"])

        # 3. Apps > Uninstall
        self.assertEqual(self._shell("uninstall")["state"], "uninstalled")

        # 4. every user searches the CRM, through stock rules
        after_probe = self._shell("probe", users)
        after = self._ids()
        snapshot = self._rows(SNAPSHOT)
        user_groups = self._rows({"g": USER_GROUPS})["g"]

        # every user searches without error: AccessError is the stock answer
        # to a user without access rights (portal); leads are those the stock
        # rules of their groups give
        for label, outcome in after_probe.items():
            for model in PROBED_MODELS:
                result = outcome[model]
                self.assertEqual(
                    result.get("error", "AccessError"),
                    "AccessError",
                    f"{label} searching {model}: {result.get('message')}",
                )
            if outcome["expected_leads"] is None:
                self.assertEqual(outcome["crm.lead"].get("error"), "AccessError")
            else:
                self.assertEqual(
                    outcome["crm.lead"].get("ids"), outcome["expected_leads"], label
                )
        # nothing of ours remains, by name ...
        for table in NAMED_TABLES:
            ours = {
                row
                for row in snapshot[table]
                if any(name.lower() in " ".join(row).lower() for name in OUR_NAMES)
            }
            self.assertFalse(ours, f"{table} keeps records of {MODULE}")
        ours = {row for row in snapshot["ir_model_data"] if row[0] == MODULE}
        self.assertFalse(ours, f"XML ids of {MODULE} remain")
        for table in ("ir_model_fields", "columns"):
            ours = {row for row in snapshot[table] if row[1] in OUR_FIELDS}
            self.assertFalse(ours, f"{table}: fields of {MODULE} remain")
        # ... and the configuration is the stock one, row for row
        for table, rows in stock.items():
            self.assertEqual(
                {
                    "left behind": sorted(snapshot[table] - rows),
                    "lost": sorted(rows - snapshot[table]),
                },
                {"left behind": [], "lost": []},
                f"{table} differs from the database before the install",
            )
        # users that existed before the install have their stock groups back
        stock_uids = {row[0] for row in stock_user_groups}
        self.assertEqual(
            {row for row in user_groups if row[0] in stock_uids}, stock_user_groups
        )

        # every user, lead, contact, activity and message is still there
        for table, ids in before.items():
            self.assertFalse(ids - after[table], f"{table} lost records")

        # stock users see what they saw before the install, and the records
        # made since that stock rules give them
        for label, was in stock_probe.items():
            now = after_probe[label]
            self.assertEqual(now["groups"], was["groups"], label)
            for model in PROBED_MODELS:
                self.assertEqual(now[model].keys(), was[model].keys(), label)
                if "ids" in was[model] and model != "crm.activity.report":
                    self.assertLessEqual(
                        set(was[model]["ids"]), set(now[model]["ids"]), label
                    )
        private, grouped = seeded["restricted_leads"]
        trashed = seeded["trashed_lead"]
        self.assertLessEqual(
            {private, grouped, trashed}, set(after_probe["admin"]["crm.lead"]["ids"])
        )
        self.assertNotIn(private, after_probe["salesman"]["crm.lead"]["ids"])
        # chloe keeps the stock Sales group her roles implied: her leads, the
        # private one and the one she sent to the trash included
        closer = after_probe["closer"]["crm.lead"]["ids"]
        self.assertLessEqual({private, trashed}, set(closer))
        # a suspended user stays locked out: archived
        active = self._rows({"u": "SELECT id FROM res_users WHERE active"})["u"]
        self.assertNotIn((str(users["suspended"]),), active)
        _logger.info("test_uninstall: odoo-bin steps took %s (s)", self.timings)
