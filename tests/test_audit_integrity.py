# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import closing
from itertools import pairwise
from unittest.mock import patch

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.crm_user_management.models.crm_audit_log import (
    CHAIN_COLUMNS,
    GENESIS_HASH,
    PARAM_CHAIN_HEAD,
    _entry_hash,
    _parse_refs,
)

from .common import CrmUserManagementCommon

INTACT = {"ok": True, "first_broken_id": False}


@tagged("post_install", "-at_install")
class TestAuditIntegrity(CrmUserManagementCommon):
    """F12: the audit log is a hash chain; changes behind the ORM's back show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = cls.env["res.groups"].create(
            [{"name": f"Audit Role {n}", "is_role": True} for n in range(3)]
        )
        cls.log = cls.env["crm.audit.log"]
        # the "Created" entries of the roles, in id order
        cls.created = cls.log.search([("group_id", "in", cls.roles.ids)], order="id")

    def sql(self, query, *args, **kwargs):
        self.env.cr.execute(SQL(query, *args, **kwargs))
        self.env.invalidate_all()

    def verify(self, user=None):
        log = self.log.with_user(user) if user else self.log
        return log.verify_integrity()

    def successor(self, entry):
        return self.log.search([("id", ">", entry.id)], order="id", limit=1)

    def rehash(self, entry):
        """Recompute ``entry``'s hashes after its predecessor's, as a forger would."""
        previous = self.log.search([("id", "<", entry.id)], order="id desc", limit=1)
        [row] = self.env.execute_query_dict(
            SQL("SELECT %s FROM crm_audit_log WHERE id = %s", CHAIN_COLUMNS, entry.id)
        )
        previous_hash = previous.entry_hash
        entry_hash = _entry_hash(previous_hash, row, _parse_refs(row["hashed_refs"]))
        self.sql(
            "UPDATE crm_audit_log SET previous_hash = %s, entry_hash = %s "
            "WHERE id = %s",
            previous_hash,
            entry_hash,
            entry.id,
        )

    def last_entry(self):
        return self.log.search([], order="id desc", limit=1)

    def head(self):
        rows = self.env.execute_query(
            SQL(
                "SELECT value FROM ir_config_parameter WHERE key = %s",
                PARAM_CHAIN_HEAD,
            )
        )
        return rows[0][0] if rows else None

    def assertHeadOwned(self):
        rows = self.env.execute_query(
            SQL(
                """SELECT p.key FROM ir_model_data d
                     JOIN ir_config_parameter p ON p.id = d.res_id
                    WHERE d.module = 'crm_user_management'
                      AND d.name = 'audit_chain_head'
                      AND d.model = 'ir.config_parameter'"""
            )
        )
        self.assertEqual(rows, [(PARAM_CHAIN_HEAD,)])

    def test_real_actions_verify(self):
        self.assertEqual(len(self.created), 3)
        self.assertEqual(
            self.verify(self.user_manager),
            dict(INTACT, checked=self.log.search_count([])),
        )
        entries = self.log.search([], order="id")
        for previous, entry in pairwise(entries):
            self.assertEqual(entry.previous_hash, previous.entry_hash)
            self.assertRegex(entry.entry_hash, r"^[0-9a-f]{64}$")
        last = entries[-1]
        self.assertEqual(self.head(), f"{last.id}:{last.entry_hash}")

    def test_sql_update_reported(self):
        entry = self.created[1]
        self.sql(
            "UPDATE crm_audit_log SET new_value = 'Forged' WHERE id = %s", entry.id
        )
        result = self.verify()
        self.assertFalse(result["ok"])
        self.assertEqual(result["first_broken_id"], entry.id)
        self.assertEqual(
            result["checked"], self.log.search_count([("id", "<=", entry.id)])
        )

    def test_sql_update_of_a_reference_reported(self):
        entry = self.created[1]
        for column, value in (
            ("author_id", self.salesman.id),
            ("group_id", self.roles[0].id),
            ("group_id", None),  # the role still exists: not its deletion
            ("hashed_refs", f"{self.salesman.id},,{self.roles[1].id}"),
            ("create_date", "2000-01-01 00:00:00"),
            ("previous_hash", "f" * 64),
        ):
            with (
                self.subTest(column=column, value=value),
                closing(self.env.cr.savepoint()),
            ):
                self.sql(
                    "UPDATE crm_audit_log SET %s = %s WHERE id = %s",
                    SQL.identifier(column),
                    value,
                    entry.id,
                )
                self.assertEqual(self.verify()["first_broken_id"], entry.id)
            self.env.invalidate_all()
        self.assertEqual(self.verify()["first_broken_id"], False)

    def test_rehashed_entries_reported(self):
        # the forger recomputes the edited entry's hash: its successor breaks
        entry = self.created[1]
        self.sql(
            "UPDATE crm_audit_log SET new_value = 'Forged' WHERE id = %s", entry.id
        )
        self.rehash(entry)
        self.assertEqual(self.verify()["first_broken_id"], self.successor(entry).id)
        # and every entry after it: the head no longer matches the last one
        following = self.log.search([("id", ">", entry.id)], order="id")
        for forged in following:
            self.rehash(forged)
        result = self.log._crm_verify_chain()
        self.assertEqual(
            (result["first_broken_id"], result["reason"]), (following[-1].id, "head")
        )

    def test_sql_delete_middle_reported_at_next(self):
        middle = self.created[1]
        following = self.successor(middle)
        self.sql("DELETE FROM crm_audit_log WHERE id = %s", middle.id)
        result = self.verify()
        self.assertFalse(result["ok"])
        self.assertEqual(result["first_broken_id"], following.id)

    def test_sql_delete_last_reported(self):
        last = self.last_entry()
        self.sql("DELETE FROM crm_audit_log WHERE id = %s", last.id)
        # the head still names the deleted entry: that is the id reported
        self.assertEqual(
            self.verify(),
            {
                "ok": False,
                "first_broken_id": last.id,
                "checked": self.log.search_count([]),
            },
        )

    def test_sql_delete_everything_reported(self):
        last = self.last_entry()
        self.sql("DELETE FROM crm_audit_log")
        self.assertEqual(
            self.verify(), {"ok": False, "first_broken_id": last.id, "checked": 0}
        )

    def test_admin_with_superuser_env(self):
        admin_env = self.env(user=self.user_manager, su=True)
        entries = admin_env["crm.audit.log"].search([("id", "in", self.created.ids)])
        with self.assertRaises(AccessError):
            entries.unlink()
        with self.assertRaises(AccessError):
            entries.write({"new_value": "Forged"})
        # an Admin runs code: SQL goes past any guard, the chain shows it
        following = self.successor(self.created[0])
        admin_env.cr.execute(
            SQL("DELETE FROM crm_audit_log WHERE id = %s", self.created[0].id)
        )
        self.env.invalidate_all()
        result = self.verify(self.user_manager)
        self.assertFalse(result["ok"])
        self.assertEqual(result["first_broken_id"], following.id)

    def test_superuser_orm_unlink_reported(self):
        # the superuser account passes the write/unlink guard, not the chain
        log = self.log.with_user(SUPERUSER_ID)
        log.browse(self.created[2].id).write({"new_value": "Forged"})
        self.assertEqual(self.verify()["first_broken_id"], self.created[2].id)
        following = self.successor(self.created[1])
        log.browse(self.created[1].id).unlink()
        self.assertEqual(self.verify()["first_broken_id"], following.id)

    def test_deleted_role_and_user_keep_the_chain(self):
        # ON DELETE SET NULL is not tampering
        author = new_test_user(
            self.env,
            login="cum_audit_author",
            groups="base.group_user,base.group_erp_manager",
        )
        entry = self.log.with_user(author)._crm_log(
            [{"event": "lifecycle", "user_id": author.id, "description": "Test"}]
        )
        role = self.roles[0]
        role.unlink()
        author.unlink()
        self.assertFalse(self.created[0].group_id)
        self.assertFalse(entry.author_id or entry.user_id)
        self.assertEqual(self.verify()["first_broken_id"], False)

    def test_non_manager_refused(self):
        with self.assertRaises(AccessError):
            self.verify(self.salesman)
        with self.assertRaises(AccessError):
            self.log.with_user(self.salesman).action_verify_integrity()

    def test_button_notification(self):
        action = self.log.with_user(self.user_manager).action_verify_integrity()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("chain intact", action["params"]["message"])
        entry = self.created[1]
        self.sql("UPDATE crm_audit_log SET old_value = 'x' WHERE id = %s", entry.id)
        action = self.log.with_user(self.user_manager).action_verify_integrity()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(f"Entry #{entry.id} was changed", action["params"]["message"])

    def test_missing_head_is_made_again(self):
        self.sql("DELETE FROM ir_config_parameter WHERE key = %s", PARAM_CHAIN_HEAD)
        with self.assertLogs(
            "odoo.addons.crm_user_management.models.crm_audit_log", "WARNING"
        ):
            self.env["res.groups"].create({"name": "After the head", "is_role": True})
        last = self.last_entry()
        self.assertEqual(self.head(), f"{last.id}:{last.entry_hash}")
        self.assertEqual(self.verify()["first_broken_id"], False)
        # owned by the module, so uninstalling removes it
        self.assertHeadOwned()

    def test_head_moved_back_reported(self):
        first = self.created[0]
        self.sql(
            "UPDATE ir_config_parameter SET value = %s WHERE key = %s",
            f"{first.id}:{first.entry_hash}",
            PARAM_CHAIN_HEAD,
        )
        # the entries after the head were not appended through the log
        self.assertEqual(self.verify()["first_broken_id"], self.successor(first).id)

    def test_entries_older_than_the_chain(self):
        # a database upgraded from before the hashes
        self.sql(
            "UPDATE crm_audit_log "
            "SET previous_hash = NULL, entry_hash = NULL, hashed_refs = NULL"
        )
        self.sql("DELETE FROM ir_config_parameter WHERE key = %s", PARAM_CHAIN_HEAD)
        first = self.log.search([], order="id", limit=1)
        self.assertEqual(self.verify()["first_broken_id"], first.id)
        self.log._crm_chain_unhashed()
        self.assertEqual(self.verify(), dict(INTACT, checked=self.log.search_count([])))
        hashes = self.log.search([]).mapped("entry_hash")
        self.log._crm_chain_unhashed()
        self.assertEqual(self.log.search([]).mapped("entry_hash"), hashes)
        # an unhashed entry added later is not chained: it stays reported
        self.sql(
            "INSERT INTO crm_audit_log (event, description, create_date) "
            "VALUES ('role', 'Smuggled', now())"
        )
        smuggled = self.last_entry()
        self.log._crm_chain_unhashed()
        self.assertFalse(smuggled.entry_hash)
        self.assertEqual(self.verify()["first_broken_id"], smuggled.id)

    def set_module_state(self, state):
        self.sql(
            "UPDATE ir_module_module SET state = %s WHERE name = 'crm_user_management'",
            state,
        )

    def test_uninstall_leaves_no_head(self):
        log = self.log.with_context(_force_unlink=True)
        # another module's uninstall: entries of a log that stays are chained
        entry = log._crm_log([{"event": "role", "description": "Other module"}])
        self.assertTrue(entry.entry_hash)
        head = self.head()
        # ours: the entries go with the table, the head (XML id) too
        self.set_module_state("to remove")
        entry = log._crm_log([{"event": "role", "description": "Ours"}])
        self.assertFalse(entry.entry_hash)
        self.assertEqual(self.head(), head)

    def test_install_resets_a_stale_head(self):
        # a head an earlier install left, and the new (empty) table
        self.sql("DELETE FROM crm_audit_log")
        self.sql(
            "UPDATE ir_config_parameter SET value = %s WHERE key = %s",
            f"99:{'f' * 64}",
            PARAM_CHAIN_HEAD,
        )
        self.sql(
            "DELETE FROM ir_model_data WHERE module = 'crm_user_management' "
            "AND name = 'audit_chain_head'"
        )
        self.set_module_state("to install")
        with patch.object(self.env.registry, "ready", False):
            self.log._crm_chain_unhashed()
        self.assertEqual(self.head(), f"0:{GENESIS_HASH}")
        self.assertHeadOwned()
        self.env["res.groups"].create({"name": "First", "is_role": True})
        self.assertEqual(self.verify(), dict(INTACT, checked=self.log.search_count([])))
