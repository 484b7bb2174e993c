# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explanations of access: they agree with the ORM, say why, and are
given only to who may ask."""

import itertools
import random

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase

from .common import CrmUserManagementCase, CrmUserManagementCommon

# the reasons that say why a role holder cannot see a record
REFUSING = {"no_scope", "visibility_private_hidden", "visibility_groups_hidden"}


class TestExplainAccess(CrmUserManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.owner = ref("base.user_admin")
        cls.olivia = cls.make_role_user(
            "cum_x_olivia", ref("crm_user_management.role_admin")
        )
        cls.sam = cls.make_role_user(
            "cum_x_sam", ref("crm_user_management.role_sales_manager")
        )
        cls.closers = [
            cls.make_role_user(
                f"cum_x_closer{i}", ref("crm_user_management.role_closer")
            )
            for i in range(3)
        ]
        cls.setter = cls.make_role_user(
            "cum_x_setter", ref("crm_user_management.role_setter")
        )
        cls.own_role = cls.make_role(
            "Explain own", {("deal", "view"): "own", ("deal", "edit"): "own"}
        )
        cls.own_user = cls.make_role_user("cum_x_own", cls.own_role)
        cls.group_a = cls.make_visibility_group(
            "Explain A", cls.closers[0] | cls.setter
        )
        cls.group_b = cls.make_visibility_group("Explain B", cls.closers[1])
        cls.team = cls.env["crm.team"].create(
            {"name": "Explain team", "member_ids": [Command.set(cls.closers[0].ids)]}
        )
        # tailored users: widened past their role, narrowed below it, switched off
        closer = ref("crm_user_management.role_closer")
        cls.widened = cls.make_role_user("cum_x_widened", closer)
        for action in ("view", "edit"):
            cls.widened.crm_set_personal_permission("deal", action, "team")
        cls.widened.crm_set_personal_permission("lead", "view", "all")
        cls.narrowed = cls.make_role_user("cum_x_narrowed", cls.own_role, closer)
        for action in ("create", "edit", "view"):
            cls.narrowed.crm_set_personal_permission("lead", action, "none")
        cls.switched_off = cls.make_role_user("cum_x_off", closer)
        cls.switched_off.crm_access = False
        cls.team.member_ids |= cls.widened
        cls.users = (
            cls.widened
            | cls.narrowed
            | cls.switched_off
            | cls.owner
            | cls.olivia
            | cls.sam
            | cls.setter
            | cls.own_user
            | cls.salesman
            | cls.env["res.users"].concat(*cls.closers)
        )

    def make_leads(self):
        """Deals and leads of every owner, visibility and trash state."""
        rng = random.Random(15)
        owners = [self.closers[0], self.closers[1], self.own_user, self.salesman]
        leads = self.env["crm.lead"]
        for i, (owner, visibility, kind) in enumerate(
            itertools.product(
                owners, ("everyone", "private", "groups"), ("lead", "opportunity")
            )
        ):
            vals = {
                "name": f"Explain {i}",
                "type": kind,
                "user_id": owner.id,
                "team_id": self.team.id if rng.random() < 0.5 else False,
                "visibility": visibility,
            }
            if visibility == "groups":
                groups = rng.choice(
                    [self.group_a, self.group_b, self.group_a | self.group_b]
                )
                vals["visibility_group_ids"] = [Command.set(groups.ids)]
            leads |= self.env["crm.lead"].create(vals)
        trashed = leads[::7]
        trashed.sudo().write({"crm_trash_date": fields.Datetime.now()})
        return leads

    def test_explanations_agree_with_the_orm(self):
        """For every user x record pair, read/write/unlink are what the ORM
        does, and the reasons agree with them."""
        leads = self.make_leads()
        pairs = 0
        for lead, user in itertools.product(leads, self.users):
            answer = lead.crm_explain_access(user.id)
            as_user = lead.with_user(user)
            found = bool(as_user.search([("id", "=", lead.id)]))
            self.assertEqual(answer["read"], found, (lead.name, user.name))
            for mode in ("write", "unlink"):
                self.assertEqual(
                    answer[mode], as_user.has_access(mode), (lead.name, user.name, mode)
                )
            codes = {r["code"] for r in answer["reasons"]}
            name = (lead.name, user.name, lead.visibility, answer)
            if lead.crm_trash_date:
                self.assertIn("trashed", codes, name)
                self.assertFalse(found, name)
            elif user._crm_sees_everything():
                self.assertEqual(codes, {"owner_or_admin"}, name)
            elif not user._crm_is_crm_role_holder():
                self.assertIn("stock_groups", codes, name)
            elif found:
                # a role or an adjustment reaches it, its visibility lets them
                self.assertTrue(codes & {"role_scope", "personal_scope"}, name)
                self.assertFalse(
                    codes & REFUSING,
                    name,
                )
            elif user._crm_is_tailored():
                # their own scope, their switch, or the visibility refuses
                self.assertTrue(
                    codes & (REFUSING | {"personal_scope", "no_crm_access"}), name
                )
            else:
                self.assertTrue(
                    codes & REFUSING,
                    name,
                )
            pairs += 1
        self.assertGreaterEqual(pairs, 200)

    def test_access_list_agrees_with_each_explanation(self):
        """The list (which asks one user for all alike) says for every user
        what asking about that user alone says: deals, contacts and
        activities of every kind."""
        leads = self.make_leads()
        partners = self.env["res.partner"].create(
            [
                {"name": f"Explain contact {i}", "user_id": owner.id, "visibility": vis}
                for i, (owner, vis) in enumerate(
                    itertools.product(
                        (self.closers[0], self.own_user), ("everyone", "private")
                    )
                )
            ]
        )
        activities = self.env["mail.activity"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": lead.id,
                    "user_id": self.closers[1].id,
                    "summary": f"Call {lead.name}",
                }
                for lead in leads[1:12:3]
            ]
        )
        users = self.env["crm.access.explainer"]._askable_users()
        for record in [
            *leads.filtered(lambda r: not r.crm_trash_date),
            *partners,
            *activities,
        ]:
            listed = {line["user_id"]: line for line in record.crm_access_list()}
            for user in users:
                answer = record.crm_explain_access(user.id)
                line = listed.get(user.id)
                self.assertEqual(
                    bool(line), answer["read"], (record.display_name, user.name)
                )
                if line:
                    self.assertEqual(
                        {k: line[k] for k in ("read", "write", "unlink", "reasons")},
                        answer,
                        (record.display_name, user.name),
                    )

    def test_reasons_name_the_role_scope_and_group(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Guarded deal",
                "type": "opportunity",
                "user_id": self.closers[1].id,
                "visibility": "groups",
                "visibility_group_ids": [Command.set(self.group_a.ids)],
            }
        )
        answer = lead.crm_explain_access(self.setter.id)
        details = " ".join(r["detail"] for r in answer["reasons"])
        self.assertIn("Explain A", details)
        self.assertIn("Setter", details)
        hidden = lead.crm_explain_access(self.closers[2].id)
        self.assertFalse(hidden["read"])
        self.assertIn(
            "visibility_groups_hidden", {r["code"] for r in hidden["reasons"]}
        )
        private = lead.copy({"visibility": "private"})
        owner = private.crm_explain_access(self.closers[1].id)
        self.assertTrue(owner["read"])
        self.assertIn("visibility_private_owner", {r["code"] for r in owner["reasons"]})
        own = lead.copy({"visibility": "everyone", "user_id": self.closers[0].id})
        answer = own.crm_explain_access(self.own_user.id)
        self.assertFalse(answer["read"])
        self.assertIn("no_scope", {r["code"] for r in answer["reasons"]})

    def test_who_may_ask(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Everyone's deal",
                "type": "opportunity",
                "user_id": self.closers[0].id,
            }
        )
        chloe = self.closers[0]
        # oneself: yes; another user: no
        self.assertTrue(lead.with_user(chloe).crm_explain_access(chloe.id)["read"])
        with self.assertRaisesText(AccessError, "yourself"):
            lead.with_user(chloe).crm_explain_access(self.closers[1].id)
        # a delegate about the users within his rights, not about an Admin
        self.assertIn("read", lead.with_user(self.sam).crm_explain_access(chloe.id))
        with self.assertRaisesText(AccessError, "yourself"):
            lead.with_user(self.sam).crm_explain_access(self.olivia.id)
        # the Owner and Admins about anyone
        self.assertTrue(lead.with_user(self.olivia).crm_explain_access(self.owner.id))
        # nobody explains a record they cannot read
        private = lead.copy({"visibility": "private"})
        with self.assertRaises(AccessError):
            private.with_user(self.closers[1]).crm_explain_access(self.closers[1].id)
        # a model no role governs is no question
        with self.assertRaisesText(UserError, "not governed"):
            self.env["crm.stage"].search([], limit=1).crm_explain_access(chloe.id)

    def test_access_list(self):
        chloe, carl = self.closers[0], self.closers[1]
        private = self.env["crm.lead"].create(
            {
                "name": "Private deal",
                "type": "opportunity",
                "user_id": chloe.id,
                "visibility": "private",
            }
        )
        listed = {line["user_id"]: line for line in private.crm_access_list()}
        self.assertIn(chloe.id, listed)
        self.assertIn(self.olivia.id, listed)
        self.assertNotIn(carl.id, listed)
        self.assertTrue(all(line["read"] for line in listed.values()))
        # a closer sees only herself in the list
        self.assertEqual(
            [line["user_id"] for line in private.with_user(chloe).crm_access_list()],
            [chloe.id],
        )
        # the dialog lists the same users
        action = private.with_user(self.olivia).action_crm_who_can_see()
        wizard = self.env["crm.access.explain.wizard"].browse(action["res_id"])
        self.assertEqual(set(wizard.line_ids.user_id.ids), set(listed))
        # another user neither reads nor fills that dialog
        with self.assertRaises(AccessError):
            wizard.with_user(self.sam).read(["line_ids"])

    def test_access_tab_says_which_role_gives_what(self):
        chloe = self.closers[0]
        summary = chloe.with_user(self.olivia).crm_access_summary
        self.assertIn("own (Closer)", summary)
        self.assertIn("Explain A", summary)  # her visibility group
        # a delegate about a user within his rights; oneself; nobody else
        self.assertTrue(chloe.with_user(self.sam).crm_access_summary)
        # the extra rights of the roles, by name
        self.assertIn("Export", self.sam.with_user(self.olivia).crm_access_summary)
        self.assertTrue(chloe.with_user(chloe).crm_access_summary)
        self.assertFalse(self.sam.with_user(chloe).crm_access_summary)
        self.assertFalse(self.olivia.with_user(self.sam).crm_access_summary)


class TestAccessReview(CrmUserManagementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._crm_setup_users()
        ref = cls.env.ref
        cls.olivia = cls.make_role_user(
            "cum_r_olivia", ref("crm_user_management.role_admin")
        )
        cls.olivia.password = "cum_r_olivia"
        cls.sam = cls.make_role_user(
            "cum_r_sam", ref("crm_user_management.role_sales_manager")
        )
        cls.chloe = cls.make_role_user("cum_r_chloe")
        cls.chloe.password = "cum_r_chloe"
        cls.chloe.with_user(cls.olivia).set_roles(
            ref("crm_user_management.role_closer").ids
        )

    def test_report_lists_who_holds_what_since_when(self):
        report = {
            line["login"]: line
            for line in self.env["res.users"].with_user(self.olivia).crm_access_report()
        }
        self.assertNotIn("__system__", report)
        line = report["cum_r_chloe"]
        self.assertEqual(
            set(line),
            {
                "name",
                "login",
                "status",
                "roles",
                "customised",
                "crm_access",
                "permissions",
                "extras",
                "visibility_groups",
                "last_login",
            },
        )
        self.assertEqual([r["name"] for r in line["roles"]], ["Closer"])
        self.assertEqual(line["roles"][0]["assigned_by"], self.olivia.name)
        self.assertTrue(line["roles"][0]["assigned_date"])
        self.assertEqual(line["permissions"]["lead"]["view"], "own")
        self.assertFalse(line["extras"]["role_can_export"])
        # a delegate reviews the users within his rights and himself
        delegate = {
            line["login"]
            for line in self.env["res.users"].with_user(self.sam).crm_access_report()
        }
        self.assertIn("cum_r_chloe", delegate)
        self.assertIn("cum_r_sam", delegate)
        self.assertNotIn("cum_r_olivia", delegate)
        with self.assertRaisesText(AccessError, "user managers"):
            self.env["res.users"].with_user(self.chloe).crm_access_report()

    def test_review_downloads_as_csv_and_xlsx(self):
        self.authenticate("cum_r_olivia", "cum_r_olivia")
        response = self.url_open("/crm_user_management/access_review/csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response.headers["Content-Type"])
        self.assertIn("cum_r_chloe", response.text)
        self.assertIn("Roles (since, by)", response.text)
        # no formula reaches a spreadsheet from a name
        self.chloe.name = "@SUM(1+1)*cmd|' /C calc'!A0"
        response = self.url_open("/crm_user_management/access_review/csv")
        self.assertIn("\"'@SUM(1+1)", response.text)
        response = self.url_open("/crm_user_management/access_review/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertEqual(response.content[:2], b"PK")
        self.authenticate("cum_r_chloe", "cum_r_chloe")
        response = self.url_open("/crm_user_management/access_review/csv")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("cum_r_olivia", response.text)

    def test_reminder_every_n_months(self):
        params = self.env["ir.config_parameter"].sudo()
        Users = self.env["res.users"]

        def reminders():
            return self.env["mail.activity"].search(
                [("summary", "=", "Review access"), ("res_model", "=", "res.partner")]
            )

        self.assertFalse(Users._crm_cron_access_review_reminder())  # off by default
        params.set_param("crm_user_management.access_review_months", 3)
        self.assertTrue(Users._crm_cron_access_review_reminder())
        found = reminders()
        ref = self.env.ref
        reviewers = (
            ref("crm_user_management.role_owner")
            | ref("crm_user_management.role_admin")
        ).users
        self.assertIn(self.olivia, reviewers)
        self.assertEqual(found.user_id, reviewers)
        self.assertIn(b"cum_r_chloe", found[0].attachment_ids.raw)
        # not again before three months
        self.assertFalse(Users._crm_cron_access_review_reminder())
        params.set_param(
            "crm_user_management.access_review_last",
            fields.Date.to_string(
                fields.Date.today() - relativedelta(months=3, days=1)
            ),
        )
        self.assertTrue(Users._crm_cron_access_review_reminder())
        self.assertEqual(len(reminders()), 2 * len(reviewers))
