# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tailoring one user (issue 15 §2): personal scopes and extra rights in
place of their roles', and the CRM access switch, through every entry point."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CrmUserManagementCommon

DEALS_ALL = {("deal", a): "all" for a in ("view", "create", "edit", "delete")}


@tagged("post_install", "-at_install", "crm_personal")
class TestPersonalAdjustments(CrmUserManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.role_admin = ref("crm_user_management.role_admin")
        cls.owner = ref("base.user_admin")
        cls.role_wide = cls.make_role("Wide", DEALS_ALL, role_can_export=True)
        cls.role_lead = cls.make_role(
            "Team lead",
            {**{("deal", a): "team" for a in ("view", "create", "edit")}},
            role_can_manage_users=True,
        )
        cls.olivia = cls.make_role_user("pers_olivia", cls.role_admin, name="Olivia")
        cls.tess = cls.make_role_user("pers_tess", cls.role_lead, name="Tess")
        cls.una = cls.make_role_user("pers_una", cls.role_wide, name="Una")
        cls.vic = cls.make_role_user("pers_vic", cls.role_wide, name="Vic")
        cls.team = cls.env["crm.team"].create(
            {"name": "Pers team", "member_ids": [Command.set((cls.tess | cls.una).ids)]}
        )
        cls.vics_deal = cls.deal(cls.vic, "Vic's deal")
        cls.unas_deal = cls.deal(cls.una, "Una's deal")

    @classmethod
    def deal(cls, owner, name):
        return cls.env["crm.lead"].create(
            {"name": name, "type": "opportunity", "user_id": owner.id}
        )

    def finds(self, user, record):
        return bool(record.with_user(user).search([("id", "=", record.id)]))

    def test_narrowing_holds_through_every_entry_point(self):
        una = self.una.with_user(self.olivia)
        for action in ("delete", "edit", "view"):
            una.crm_set_personal_permission("deal", action, "own")
        self.assertEqual(
            self.una.with_user(self.una).get_effective_permissions()["deal"],
            {"view": "own", "create": "all", "edit": "own", "delete": "own"},
        )
        self.assertFalse(self.finds(self.una, self.vics_deal))
        self.assertTrue(self.finds(self.una, self.unas_deal))
        as_una = self.vics_deal.with_user(self.una)
        for attempt in (
            lambda: as_una.read(["name"]),
            lambda: as_una.write({"name": "Mine"}),
            lambda: as_una.unlink(),
            lambda: as_una.check_access("read"),
        ):
            with self.subTest(attempt=attempt), self.assertRaises(AccessError):
                attempt()
        self.assertEqual(
            self.env["crm.lead"]
            .with_user(self.una)
            .search_count([("id", "in", (self.vics_deal | self.unas_deal).ids)]),
            1,
        )
        self.assertTrue(self.una.crm_customised)
        self.assertEqual(self.una.crm_access_mode, "custom")
        # Vic, with the same role, is untouched
        self.assertTrue(self.finds(self.vic, self.unas_deal))

    def test_conversion_wizard_names_no_unreadable_lead(self):
        """The conversion wizard computes its fields from the lead as
        superuser: a narrowed user cannot open it on a lead they cannot read."""
        for action in ("delete", "edit", "view"):
            self.una.with_user(self.olivia).crm_set_personal_permission(
                "deal", action, "own"
            )
        wizard = self.env["crm.lead2opportunity.partner"].with_user(self.una)
        with self.assertRaises(AccessError):
            wizard.create({"lead_id": self.vics_deal.id})
        self.assertEqual(
            wizard.create({"lead_id": self.unas_deal.id}).lead_id, self.unas_deal
        )

    def test_widening_beyond_the_roles(self):
        """A user whose roles give no lead right views every lead."""
        lead = self.env["crm.lead"].create(
            {"name": "A lead", "type": "lead", "user_id": self.vic.id}
        )
        self.assertFalse(self.finds(self.una, lead))
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "lead", "view", "all"
        )
        self.assertTrue(self.finds(self.una, lead))
        with self.assertRaises(AccessError):
            lead.with_user(self.una).write({"name": "Edited"})

    def test_inconsistent_adjustment_refused_and_nothing_written(self):
        with self.assertRaisesText(ValidationError, "editing cannot reach further"):
            self.una.with_user(self.olivia).crm_set_personal_permission(
                "deal", "view", "own"
            )
        self.assertFalse(self.una.crm_personal_permission_ids)
        self.assertFalse(self.una.crm_customised)
        with self.assertRaisesText(UserError, "Unknown permission"):
            self.una.with_user(self.olivia).crm_set_personal_permission(
                "deal", "view", "everything"
            )

    def test_extra_rights(self):
        una = self.una.with_user(self.olivia)
        una.crm_set_personal_extra("export", False)
        una.crm_set_personal_extra("role_can_merge", True)
        extras = self.una.with_user(self.una).get_effective_extras()
        self.assertFalse(extras["role_can_export"])
        self.assertTrue(extras["role_can_merge"])
        with self.assertRaisesText(UserError, "export right was taken away"):
            self.unas_deal.with_user(self.una).export_data(["name"])
        # Vic keeps the role's export
        self.assertTrue(self.unas_deal.with_user(self.vic).export_data(["name"]))
        with self.assertRaisesText(UserError, "Unknown extra right"):
            una.crm_set_personal_extra("teleport", True)

    def test_reset_and_all_or_custom(self):
        una = self.una.with_user(self.olivia)
        una.crm_set_personal_permission("deal", "delete", "none")
        group = self.una.crm_personal_group_id
        self.assertTrue(group)
        with self.assertRaises(AccessError):
            self.vics_deal.with_user(self.una).unlink()
        una.crm_access_mode = "all"
        self.assertFalse(self.una.crm_customised)
        self.assertFalse(self.una.crm_personal_group_id)
        self.assertFalse(group.exists())
        self.assertEqual(self.una._crm_scope_union(False)["deal"]["delete"], "all")
        self.assertTrue(self.finds(self.una, self.vics_deal))

    def test_unadjusted_cells_follow_the_roles(self):
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "deal", "delete", "own"
        )
        self.una.with_user(self.olivia).set_roles(self.role_lead.ids)
        self.assertEqual(
            self.una._crm_scope_union(False)["deal"],
            {"view": "team", "create": "team", "edit": "team", "delete": "own"},
        )
        self.assertFalse(self.finds(self.una, self.vics_deal))

    def test_crm_access_switch(self):
        self.una.with_user(self.olivia).crm_access = False
        self.assertFalse(self.finds(self.una, self.unas_deal))
        self.assertEqual(
            {
                scope
                for actions in self.una.with_user(self.una)
                .get_effective_permissions()
                .values()
                for scope in actions.values()
            },
            {"none"},
        )
        self.assertFalse(any(self.una._crm_extras().values()))
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.una).create(
                {"name": "New", "user_id": self.una.id}
            )
        crm_root = self.env.ref("crm.crm_menu_root")
        menus = self.env["ir.ui.menu"].with_user(self.una)
        self.assertNotIn(crm_root.id, menus._visible_menu_ids())
        self.una.with_user(self.olivia).crm_access = True
        self.assertTrue(self.finds(self.una, self.vics_deal))
        self.assertIn(crm_root.id, menus._visible_menu_ids())
        self.assertFalse(self.una.crm_personal_group_id)
        # the Owner and Admins always have it
        with self.assertRaisesText(UserError, "Owner or Admin"):
            self.olivia.with_user(self.owner).crm_access = False
        self.una.crm_access = False
        self.una.with_user(self.owner).set_roles(self.role_admin.ids)
        self.assertTrue(self.una.crm_access)
        self.assertTrue(self.finds(self.una, self.vics_deal))

    def test_who_may_tailor(self):
        # a delegate: within their rights only, never beyond their own
        with self.assertRaisesText(AccessError, "beyond your own rights"):
            self.una.with_user(self.tess).crm_set_personal_permission(
                "deal", "view", "all"
            )
        with self.assertRaisesText(AccessError, "beyond your own rights"):
            self.env["res.users"].with_user(self.tess).browse(
                self.una.id
            ).crm_set_personal_extra("export", True)
        narrowed = self.make_role_user("pers_nina", self.role_lead, name="Nina")
        narrowed.with_user(self.tess).crm_set_personal_permission("deal", "edit", "own")
        self.assertEqual(narrowed._crm_scope_union(False)["deal"]["edit"], "own")
        with self.assertRaisesText(AccessError, "role_can_merge"):
            narrowed.with_user(self.tess).crm_set_personal_extra("merge", True)
        # nobody tailors themselves, the Owner or an Admin; a plain user nobody
        with self.assertRaisesText(AccessError, "your own access"):
            self.tess.with_user(self.tess).crm_set_personal_permission(
                "deal", "view", "own"
            )
        with self.assertRaisesText(UserError, "Owner or Admin"):
            self.olivia.with_user(self.owner).crm_set_personal_permission(
                "deal", "view", "own"
            )
        with self.assertRaises(AccessError):
            self.una.with_user(self.vic).crm_set_personal_permission(
                "deal", "delete", "none"
            )
        with self.assertRaises(AccessError):
            self.una.with_user(self.vic).crm_access = False
        self.assertTrue(self.una.crm_access)

    def test_adjustments_are_logged(self):
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "deal", "delete", "own"
        )
        self.una.with_user(self.olivia).crm_access = False
        entries = self.env["crm.audit.log"].search(
            [("user_id", "=", self.una.id), ("description", "=", "Personal rights")],
            order="id",
        )
        self.assertEqual(
            entries.mapped("new_value"),
            ["CRM access on, deal delete=own", "CRM access off, deal delete=own"],
        )
        self.assertEqual(entries.mapped("author_id"), self.olivia | self.olivia)

    def test_personal_group_is_no_way_in(self):
        """A personal group gives its rights to its user alone, and is
        changed by the addon only."""
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "lead", "view", "all"
        )
        group = self.una.crm_personal_group_id
        with self.assertRaisesText(AccessError, "personal access group"):
            group.with_user(self.olivia).write({"users": [Command.link(self.vic.id)]})
        with self.assertRaisesText(AccessError, "personal access group"):
            self.env["res.groups"].with_user(self.olivia).create(
                {"name": "Fake", "crm_personal_user_id": self.vic.id}
            )
        # no checkbox of the user form
        arch = self.env.ref("base.user_groups_view").arch
        self.assertNotIn(f"in_group_{group.id}", arch)
        # an adjustment stays with its user
        row = self.una.crm_personal_permission_ids
        with self.assertRaisesText(UserError, "one user for good"):
            row.with_user(self.olivia).write({"user_id": self.olivia.id})
        with self.assertRaisesText(AccessError, "personal access group"):
            group.with_user(self.olivia).unlink()
        with self.assertRaisesText(AccessError, "personal access group"):
            group.with_user(self.olivia).write({"name": "Renamed"})
        # nor held by another user, nor implied by another group
        for attempt in (
            lambda: self.vic.with_user(self.olivia).write(
                {"groups_id": [Command.link(group.id)]}
            ),
            lambda: self.role_wide.with_user(self.olivia).write(
                {"implied_ids": [Command.link(group.id)]}
            ),
        ):
            with (
                self.subTest(attempt=attempt),
                self.assertRaisesText(AccessError, "held by its user alone"),
            ):
                attempt()
        self.assertNotIn(group, self.vic.groups_id)
        # nor given to a new user, nor pointed at by another user's field
        with self.assertRaisesText(AccessError, "held by its user alone"):
            self.env["res.users"].with_user(self.olivia).create(
                {
                    "name": "Atk new",
                    "login": "pers_atk_new",
                    "groups_id": [
                        Command.set([self.env.ref("base.group_user").id, group.id])
                    ],
                }
            )
        with self.assertRaisesText(AccessError, "personal access group"):
            self.vic.with_user(self.olivia).write({"crm_personal_group_id": group.id})
        # a copy of the user does not hold it
        self.assertNotIn(group, self.una.copy({"login": "pers_una_copy"}).groups_id)
        # and were it held (by the superuser's hand), it gives nothing
        self.vic.write({"groups_id": [Command.link(group.id)]})
        lead = self.env["crm.lead"].create(
            {"name": "A lead", "type": "lead", "user_id": self.una.id}
        )
        self.assertTrue(self.finds(self.una, lead))
        self.assertFalse(self.finds(self.vic, lead))

    def test_report_and_explanation_say_so(self):
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "deal", "delete", "none"
        )
        self.vic.with_user(self.olivia).crm_access = False
        report = {
            row["login"]: row
            for row in self.env["res.users"].with_user(self.olivia).crm_access_report()
        }
        self.assertTrue(report["pers_una"]["customised"])
        self.assertEqual(report["pers_una"]["permissions"]["deal"]["delete"], "none")
        self.assertFalse(report["pers_vic"]["crm_access"])
        self.assertFalse(report["pers_olivia"]["customised"])
        self.assertEqual(report["pers_vic"]["permissions"]["deal"]["view"], "none")
        codes = {
            r["code"]
            for r in self.vics_deal.with_user(self.olivia).crm_explain_access(
                self.vic.id
            )["reasons"]
        }
        self.assertIn("no_crm_access", codes)
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "deal", "edit", "own"
        )
        answer = self.vics_deal.with_user(self.olivia).crm_explain_access(self.una.id)
        self.assertTrue(answer["read"])
        self.assertFalse(answer["write"])
        self.una.with_user(self.olivia).crm_set_personal_permission(
            "deal", "view", "own"
        )
        answer = self.vics_deal.with_user(self.olivia).crm_explain_access(self.una.id)
        self.assertFalse(answer["read"])
        self.assertIn("personal_scope", {r["code"] for r in answer["reasons"]})
        self.assertNotIn("no_scope", {r["code"] for r in answer["reasons"]})

    def test_user_form_all_or_custom(self):
        """An Admin picks Custom on the user form, sets a line, saves; All
        goes back to the roles."""
        with Form(self.una.with_user(self.olivia), view="base.view_users_form") as form:
            self.assertEqual(form.crm_access_mode, "all")
            form.crm_access_mode = "custom"
            with form.crm_personal_permission_ids.new() as line:
                line.entity = "deal"
                line.action = "delete"
                line.scope = "none"
        self.assertTrue(self.una.crm_customised)
        self.assertEqual(self.una.crm_access_label, "Customised")
        with self.assertRaises(AccessError):
            self.vics_deal.with_user(self.una).unlink()
        with Form(self.una.with_user(self.olivia), view="base.view_users_form") as form:
            form.crm_access_mode = "all"
        self.assertFalse(self.una.crm_customised)
        self.vics_deal.with_user(self.una).check_access("unlink")

    def test_invite_without_crm_access(self):
        wizard = (
            self.env["crm.user.invite.wizard"]
            .with_user(self.olivia)
            .create(
                {
                    "line_ids": [
                        Command.create(
                            {"email": "pers.nocrm@example.com", "crm_access": False}
                        ),
                        Command.create(
                            {
                                "email": "pers.admin@example.com",
                                "crm_access": False,
                                "role_id": self.role_admin.id,
                            }
                        ),
                    ]
                }
            )
        )
        wizard.action_send()
        users = self.env["res.users"].search(
            [("login", "in", ["pers.nocrm@example.com", "pers.admin@example.com"])]
        )
        by_login = {user.login: user for user in users}
        self.assertFalse(by_login["pers.nocrm@example.com"].crm_access)
        self.assertEqual(
            by_login["pers.nocrm@example.com"].crm_access_label, "No CRM access"
        )
        self.assertTrue(by_login["pers.admin@example.com"].crm_access)

    def test_activity_report_follows_the_matrix(self):
        """The activity report reads leads through SQL: a narrowed user, or
        one without CRM access, sees no row of a deal they cannot read
        (stock lets a salesman see the rows of deals without salesperson)."""
        deal = self.env["crm.lead"].create(
            {"name": "Nobody's deal", "type": "opportunity", "user_id": False}
        )
        activity = deal.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.vic.id
        )
        activity.action_feedback(feedback="Secret terms")
        self.env.flush_all()  # the report is SQL over the messages
        report = self.env["crm.activity.report"]
        rows = [("lead_id", "=", deal.id)]
        self.assertTrue(report.with_user(self.una).search(rows))
        for action in ("delete", "edit", "view"):
            self.una.with_user(self.olivia).crm_set_personal_permission(
                "deal", action, "own"
            )
        self.assertFalse(report.with_user(self.una).search(rows))
        self.assertTrue(report.with_user(self.vic).search(rows))
        self.vic.with_user(self.olivia).crm_access = False
        self.assertFalse(report.with_user(self.vic).search(rows))
