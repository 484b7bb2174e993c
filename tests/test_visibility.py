# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ALL_SCOPES, CrmUserManagementCommon


@tagged("post_install", "-at_install", "crm_visibility")
class TestVisibility(CrmUserManagementCommon):
    """Seed 003: everyone / private / chosen groups, on top of the roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "crm_user_management.contacts_public", "False"
        )
        cls.env["res.groups"]._crm_compile_roles()
        cls.seller_role = cls.make_role(
            "Seller (all)",
            ALL_SCOPES,
            role_can_export=True,
            role_can_reassign=True,
        )
        cls.own_role = cls.make_role(
            "Seller (own)",
            {
                ("lead", "view"): "own",
                ("deal", "view"): "own",
                ("deal", "edit"): "own",
                ("contact", "view"): "own",
            },
            role_can_export=True,
        )
        cls.admin_role = cls.env.ref("crm_user_management.role_admin")
        cls.mike = cls.make_role_user("cum_vis_mike", cls.seller_role, name="Mike")
        cls.john = cls.make_role_user("cum_vis_john", cls.seller_role, name="John")
        cls.dora = cls.make_role_user("cum_vis_dora", cls.seller_role, name="Dora")
        cls.ozzy = cls.make_role_user("cum_vis_ozzy", cls.own_role, name="Ozzy")
        cls.becky = cls.make_role_user("cum_vis_becky", cls.admin_role, name="Becky")
        cls.marketing = cls.make_visibility_group("Marketing", cls.mike | cls.john)
        cls.sales = cls.make_visibility_group("Sales", cls.john)

    def lead(self, owner, visibility="everyone", groups=None, **vals):
        return self.env["crm.lead"].create(
            dict(
                {
                    "name": f"{visibility} lead of {owner.name}",
                    "type": "opportunity",
                    "user_id": owner.id,
                    "visibility": visibility,
                    "visibility_group_ids": [
                        Command.set((groups or []) and groups.ids)
                    ],
                },
                **vals,
            )
        )

    def sees(self, user, record):
        """Whether ``user`` finds ``record`` through every read entry point;
        fails if the entry points disagree."""
        model = record.with_user(user).browse()
        domain = [("id", "=", record.id)]
        name = record.sudo().name
        results = {
            "search": bool(model.search(domain)),
            "search_count": model.search_count(domain) == 1,
            "search_read": bool(model.search_read(domain, ["name"])),
            "read_group": bool(
                model.read_group(domain, ["id:count"], [])[0]["__count"]
            ),
            "name_search": record.id
            in [r[0] for r in model.name_search(name, operator="=")],
            "export": bool(model.search(domain).export_data(["name"]).get("datas")),
            "read": record.with_user(user).has_access("read"),
        }
        try:
            record.with_user(user).web_read({"name": {}})
            results["web_read"] = True
        except AccessError:
            results["web_read"] = False
        values = set(results.values())
        self.assertEqual(len(values), 1, f"entry points disagree: {results}")
        return values.pop()

    # ------------------------------------------------------------------
    def test_everyone_private_groups(self):
        everyone = self.lead(self.mike)
        private = self.lead(self.mike, "private")
        marketing = self.lead(self.dora, "groups", self.marketing)
        for user, expected in (
            (self.mike, {everyone, private, marketing}),
            (self.john, {everyone, marketing}),
            (self.dora, {everyone, marketing}),  # its owner
            (self.becky, {everyone, private, marketing}),  # an Admin
        ):
            for record in (everyone, private, marketing):
                with self.subTest(user=user.name, record=record.name):
                    self.assertEqual(self.sees(user, record), record in expected)
        # admin (Owner) sees everything too
        owner = self.env.ref("base.user_admin")
        self.assertTrue(self.sees(owner, private))

    def test_role_scope_and_visibility(self):
        """Both the role scope AND the visibility must allow a record."""
        own_everyone = self.lead(self.ozzy)
        own_private = self.lead(self.ozzy, "private")
        others_everyone = self.lead(self.mike)
        others_groups = self.lead(self.mike, "groups", self.sales)
        self.sales.users = [Command.link(self.ozzy.id)]
        self.assertTrue(self.sees(self.ozzy, own_everyone))
        self.assertTrue(self.sees(self.ozzy, own_private))
        self.assertFalse(self.sees(self.ozzy, others_everyone), "scope own")
        self.assertFalse(self.sees(self.ozzy, others_groups), "scope own, group ok")
        # no write either on a record hidden by visibility
        private = self.lead(self.mike, "private")
        with self.assertRaises(AccessError):
            private.with_user(self.john).write({"name": "x"})
        with self.assertRaises(AccessError):
            private.with_user(self.john).unlink()

    def test_membership_applies_at_once(self):
        record = self.lead(self.mike, "groups", self.sales)
        self.assertFalse(self.sees(self.dora, record))
        self.sales.write({"users": [Command.link(self.dora.id)]})
        self.assertTrue(self.sees(self.dora, record))
        self.sales.write({"users": [Command.unlink(self.dora.id)]})
        self.assertFalse(self.sees(self.dora, record))

    def test_read_group_counts_for_kanban(self):
        self.lead(self.mike)
        self.lead(self.mike, "private")
        self.lead(self.mike, "groups", self.sales)
        Lead = self.env["crm.lead"].with_user(self.dora)
        counts = Lead.read_group([("user_id", "=", self.mike.id)], ["id:count"], [])
        self.assertEqual(counts[0]["__count"], 1)
        counts = (
            self.env["crm.lead"]
            .with_user(self.john)
            .read_group([("user_id", "=", self.mike.id)], ["id:count"], [])
        )
        self.assertEqual(counts[0]["__count"], 2)

    def test_contacts(self):
        Partner = self.env["res.partner"]
        private = Partner.create(
            {
                "name": "Private Prospect",
                "user_id": self.mike.id,
                "visibility": "private",
            }
        )
        company = Partner.create(
            {
                "name": "Groups Co",
                "is_company": True,
                "user_id": self.mike.id,
                "visibility": "groups",
                "visibility_group_ids": [Command.set(self.sales.ids)],
            }
        )
        self.assertTrue(self.sees(self.mike, private))
        self.assertFalse(self.sees(self.john, private))
        self.assertTrue(self.sees(self.john, company))
        self.assertFalse(self.sees(self.dora, company))
        # "contacts visible to everyone" opens the scopes, never the visibility:
        # Ozzy (contacts: own) then sees Mike's public contact, not the private
        public = Partner.create({"name": "Public Prospect", "user_id": self.mike.id})
        self.assertFalse(self.sees(self.ozzy, public))
        self.env["ir.config_parameter"].set_param(
            "crm_user_management.contacts_public", "True"
        )
        self.env["res.groups"]._crm_compile_roles()
        self.assertTrue(self.sees(self.ozzy, public))
        self.assertFalse(self.sees(self.ozzy, private))
        # partners of users and of companies stay public
        with self.assertRaises(ValidationError):
            self.dora.partner_id.visibility = "private"
        with self.assertRaises(ValidationError):
            self.env.company.partner_id.visibility = "private"

    def test_user_partner_is_public_whatever_the_default(self):
        self.env["ir.config_parameter"].set_param(
            "crm_user_management.default_visibility_contact", "private"
        )
        contact = self.env["res.partner"].with_user(self.mike).create({"name": "New"})
        self.assertEqual(contact.visibility, "private")
        self.assertEqual(contact.user_id, self.mike, "the author owns it")
        user = new_test_user(
            self.env, login="cum_vis_new", email="cum_vis_new@example.com"
        )
        self.assertEqual(user.partner_id.visibility, "everyone")

    def test_defaults_per_entity(self):
        params = self.env["ir.config_parameter"]
        params.set_param("crm_user_management.default_visibility_deal", "private")
        Lead = self.env["crm.lead"].with_user(self.mike)
        deal = Lead.create({"name": "D", "type": "opportunity"})
        lead = Lead.create({"name": "L", "type": "lead"})
        self.assertEqual(deal.visibility, "private")
        self.assertEqual(lead.visibility, "everyone")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.crm_default_visibility_deal, "private")
        settings.crm_default_visibility_company = "private"
        settings.execute()
        company = self.env["res.partner"].create({"name": "C", "is_company": True})
        self.assertEqual(company.visibility, "private")

    # ------------------------------------------------------------------
    # widen / narrow (seed 003)
    # ------------------------------------------------------------------
    def test_owner_widens_only(self):
        record = self.lead(self.mike, "private")
        mine = record.with_user(self.mike)
        mine.write(
            {
                "visibility": "groups",
                "visibility_group_ids": [Command.set(self.sales.ids)],
            }
        )
        mine.write({"visibility_group_ids": [Command.link(self.marketing.id)]})
        with self.assertRaisesText(AccessError, "only make .* visible to more people"):
            mine.write({"visibility_group_ids": [Command.unlink(self.sales.id)]})
        mine.visibility = "everyone"
        self.assertFalse(record.visibility_group_ids, "only 'groups' keeps groups")
        for narrower in ("private", "groups"):
            with self.assertRaisesText(AccessError, "ask the Owner or an Admin"):
                mine.write(
                    {
                        "visibility": narrower,
                        "visibility_group_ids": [Command.set(self.sales.ids)],
                    }
                )
        self.assertEqual(record.visibility, "everyone")

    def test_only_admins_touch_others_records(self):
        record = self.lead(self.mike)
        with self.assertRaisesText(AccessError, "you do not own it"):
            record.with_user(self.john).visibility = "everyone"
        record.with_user(self.becky).visibility = "private"
        self.assertEqual(record.visibility, "private")
        # owners cannot hand a restricted record over; Admins can, in bulk too
        with self.assertRaisesText(
            AccessError, "Only the Owner and Admins can transfer"
        ):
            record.with_user(self.mike).user_id = self.john
        others = self.lead(self.mike, "private") | self.lead(self.mike)
        (record | others).with_user(self.becky).write({"user_id": self.john.id})
        self.assertEqual((record | others).user_id, self.john)
        self.assertTrue(self.sees(self.john, record))
        self.assertFalse(self.sees(self.mike, record))

    def test_groups_need_a_group(self):
        with self.assertRaisesText(ValidationError, "at least one group"):
            self.lead(self.mike, "groups")
        role = self.env.ref("crm_user_management.role_closer")
        with self.assertRaisesText(ValidationError, "Only visibility groups"):
            self.lead(self.mike, "groups", role)

    def test_visibility_group_grants_nothing(self):
        with self.assertRaisesText(ValidationError, "cannot be a role"):
            self.marketing.implied_ids = [
                Command.link(self.env.ref("base.group_system").id)
            ]
        self.assertEqual(self.marketing.category_id.name, "CRM Visibility Groups")
        # a member without a CRM role reads no lead through the group
        member = self.make_role_user("cum_vis_member")
        self.marketing.users = [Command.link(member.id)]
        record = self.lead(self.mike, "groups", self.marketing)
        self.assertFalse(record.with_user(member).has_access("read"))

    # ------------------------------------------------------------------
    # chatter, followers, attachments, activities, notifications
    # ------------------------------------------------------------------
    def test_chatter_attachments_activities_of_hidden_record(self):
        record = self.lead(self.mike)
        record.message_subscribe(partner_ids=self.john.partner_id.ids)
        message = record.message_post(body="Secret pricing", message_type="comment")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "quote.txt",
                "datas": base64.b64encode(b"secret"),
                "res_model": "crm.lead",
                "res_id": record.id,
            }
        )
        activity = record.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.john.id, summary="Call"
        )
        # narrowing by an Admin: John no longer sees it, nor follows it
        record.with_user(self.becky).visibility = "private"
        self.assertNotIn(self.john.partner_id, record.message_partner_ids)
        john = self.env(user=self.john)
        domain = [("model", "=", "crm.lead"), ("res_id", "=", record.id)]
        self.assertFalse(john["mail.message"].search(domain))
        with self.assertRaises(AccessError):
            message.with_user(self.john).read(["body"])
        self.assertFalse(
            john["mail.followers"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", record.id)]
            )
        )
        self.assertFalse(
            john["ir.attachment"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", record.id)]
            )
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.john).read(["datas"])
        # even the activity assigned to him is hidden with its lead
        self.assertFalse(john["mail.activity"].search([("id", "=", activity.id)]))
        with self.assertRaises(AccessError):
            activity.with_user(self.john).read(["summary"])
        # the owner still sees all of it
        mike = self.env(user=self.mike)
        self.assertIn(message, mike["mail.message"].search(domain))
        self.assertTrue(mike["mail.activity"].search([("id", "=", activity.id)]))
        # the activity report (SQL view over messages) follows the leads
        report = john["crm.activity.report"].search([("lead_id", "=", record.id)])
        self.assertFalse(report)

    def test_hidden_documents_leave_pages_full(self):
        """The chatter of hidden documents is left out by the search itself,
        before its limit: a page holds as many records as the limit says."""
        shown = self.lead(self.mike)
        hidden = self.lead(self.mike, "private")
        for record in shown | hidden:
            for body in ("one", "two", "three"):
                record.message_post(body=body, message_type="comment")
            record.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.john.id
            )
            record.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.john.id
            )
        record_ids = (shown | hidden).ids
        john = self.env(user=self.john)
        # the newest messages and activities are those of the hidden lead
        messages = john["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "in", record_ids),
                ("message_type", "=", "comment"),
            ],
            order="id desc",
            limit=3,
        )
        self.assertEqual(len(messages), 3)
        self.assertEqual(set(messages.mapped("res_id")), {shown.id})
        activities = john["mail.activity"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", record_ids)],
            order="id desc",
            limit=2,
        )
        self.assertEqual(activities.mapped("res_id"), [shown.id, shown.id])
        self.assertEqual(
            john["mail.activity"].search_count(
                [("res_model", "=", "crm.lead"), ("res_id", "in", record_ids)]
            ),
            2,
        )
        followers = john["mail.followers"].search(
            [("res_model", "=", "crm.lead"), ("res_id", "in", record_ids)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(followers.res_id, shown.id)

    def test_followers_are_no_way_in(self):
        record = self.lead(self.mike, "private")
        # a hidden record cannot be followed by those who cannot see it
        with self.assertRaisesText(AccessError, "cannot see"):
            record.with_user(self.mike).message_subscribe(
                partner_ids=self.john.partner_id.ids
            )
        # a notification never reaches a user who cannot read the record
        record.sudo().message_subscribe(partner_ids=self.john.partner_id.ids)
        record.with_user(self.mike).message_post(
            body="Mentioning John",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.john.partner_id.ids,
        )
        notified = self.env["mail.notification"].search(
            [("res_partner_id", "=", self.john.partner_id.id)]
        )
        self.assertFalse(
            notified.filtered(lambda n: n.mail_message_id.res_id == record.id)
        )
        mails = self.env["mail.mail"].search([("res_id", "=", record.id)])
        self.assertNotIn(self.john.partner_id, mails.recipient_ids)
        # on the same message, the user who can see it is notified
        message = record.with_user(self.becky).message_post(
            body="For Mike and John",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(self.mike | self.john).partner_id.ids,
        )
        notified = message.notification_ids.res_partner_id
        self.assertIn(self.mike.partner_id, notified)
        self.assertNotIn(self.john.partner_id, notified)


@tagged("post_install", "-at_install", "crm_visibility")
class TestVisibilityGroupDeletion(CrmUserManagementCommon):
    """Seed 003's own example, word for word."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        role = cls.make_role("Seed seller", ALL_SCOPES)
        cls.mike = cls.make_role_user("cum_seed_mike", role, name="Mike")
        cls.john = cls.make_role_user("cum_seed_john", role, name="John")
        cls.sales_user = cls.make_role_user("cum_seed_sam", role, name="Sam")
        # "two groups: Marketing and Sales, with a user Mike in Marketing and
        # a user John who is both in Marketing and Sales"
        cls.marketing = cls.make_visibility_group("Marketing", cls.mike | cls.john)
        cls.sales = cls.make_visibility_group("Sales", cls.john | cls.sales_user)
        cls.owner = cls.env.ref("base.user_admin")

    def prospect(self, groups):
        return self.env["res.partner"].create(
            {
                "name": "Prospect1",
                "user_id": self.owner.id,
                "visibility": "groups",
                "visibility_group_ids": [Command.set(groups.ids)],
            }
        )

    def visible_to(self, user, record):
        return bool(
            self.env["res.partner"].with_user(user).search([("id", "=", record.id)])
        )

    def test_visible_to_both_keeps_the_other_group(self):
        """Prospect1 visible to Marketing and Sales; Marketing is deleted: only
        Sales sees it. Mike no longer sees it, John still does."""
        prospect = self.prospect(self.marketing | self.sales)
        self.assertTrue(self.visible_to(self.mike, prospect))
        wizard = self.marketing.action_crm_delete_visibility_group()
        wizard = self.env[wizard["res_model"]].browse(wizard["res_id"])
        self.assertEqual((wizard.revert_count, wizard.keep_count), (0, 1))
        result = wizard.action_confirm()
        self.assertIn("visible to everyone", result["params"]["message"])
        self.assertFalse(self.marketing.exists())
        self.assertEqual(prospect.visibility, "groups")
        self.assertEqual(prospect.visibility_group_ids, self.sales)
        self.assertFalse(self.visible_to(self.mike, prospect))
        self.assertTrue(self.visible_to(self.john, prospect))
        self.assertTrue(self.mike.exists() and self.mike.active, "users stay")

    def test_visible_to_that_group_only_reverts_to_everyone(self):
        """Prospect1 visible only to Marketing; Marketing is deleted: it becomes
        visible to everyone, including Sales who could not see it before."""
        prospect = self.prospect(self.marketing)
        self.assertFalse(self.visible_to(self.sales_user, prospect))
        wizard = self.marketing.action_crm_delete_visibility_group()
        wizard = self.env[wizard["res_model"]].browse(wizard["res_id"])
        self.assertEqual((wizard.revert_count, wizard.keep_count), (1, 0))
        wizard.action_confirm()
        self.assertEqual(prospect.visibility, "everyone")
        self.assertFalse(prospect.visibility_group_ids)
        self.assertTrue(self.visible_to(self.sales_user, prospect))
        self.assertTrue(self.visible_to(self.mike, prospect))
        self.assertTrue(prospect.exists())
        log = self.env["crm.audit.log"].search([("event", "=", "visibility")], limit=1)
        self.assertEqual(log.old_value, "Marketing")
        self.assertIn("1 contacts/companies reverted", log.new_value)

    def test_fallback_is_set_based(self):
        """The same number of queries for 2 records as for 60."""

        def leads(count, groups):
            return self.env["crm.lead"].create(
                [
                    {
                        "name": f"L{i}",
                        "visibility": "groups",
                        "visibility_group_ids": [Command.set(groups.ids)],
                    }
                    for i in range(count)
                ]
            )

        queries = []
        for count in (2, 60):
            group = self.make_visibility_group(f"G{count}")
            alone = leads(count, group)
            shared = leads(count, group | self.sales)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            group._crm_visibility_fallback()
            queries.append(self.env.cr.sql_log_count - before)
            group.unlink()
            self.assertEqual(set(alone.mapped("visibility")), {"everyone"})
            self.assertEqual(set(shared.mapped("visibility")), {"groups"})
        self.assertEqual(queries[0], queries[1])

    def test_only_admins_manage_groups(self):
        # a Settings manager who may write groups, but is neither Owner nor Admin
        manager = self.user_manager
        groups = self.marketing.with_user(manager)
        for attempt in (
            groups.unlink,
            groups.action_crm_delete_visibility_group,
            lambda: groups.write({"users": [Command.link(manager.id)]}),
            lambda: groups.create({"name": "Mine", "is_visibility_group": True}),
        ):
            with self.assertRaisesText(AccessError, "Only the Owner and Admins"):
                attempt()
        # nor from the users' side: the user form's checkboxes, or a new user
        reified = f"in_group_{self.marketing.id}"
        for attempt in (
            lambda: manager.with_user(manager).write(
                {"groups_id": [Command.link(self.marketing.id)]}
            ),
            lambda: self.mike.with_user(manager).write(
                {"groups_id": [Command.unlink(self.marketing.id)]}
            ),
            lambda: manager.with_user(manager).write({reified: True}),
            lambda: (
                self.env["res.users"]
                .with_user(manager)
                .create(
                    {
                        "name": "Spy",
                        "login": "spy@example.com",
                        "groups_id": [
                            Command.link(self.env.ref("base.group_user").id),
                            Command.link(self.marketing.id),
                        ],
                    }
                )
            ),
        ):
            with self.assertRaisesText(AccessError, "Only the Owner and Admins"):
                attempt()
        self.assertTrue(self.marketing.exists())
        self.assertNotIn(manager, self.marketing.users)
        self.assertIn(self.mike, self.marketing.users)
        # what the template user gives every new user stays given
        self.give_new_users(self.marketing)
        newcomer = (
            self.env["res.users"]
            .with_user(manager)
            .create({"name": "Newcomer", "login": "newcomer@example.com"})
        )
        self.assertIn(newcomer, self.marketing.users)
        # other groups stay the Settings manager's to give
        self.mike.with_user(manager).write(
            {"groups_id": [Command.link(self.env.ref("base.group_no_one").id)]}
        )
        # the Owner does both
        self.mike.with_user(self.owner).write(
            {"groups_id": [Command.unlink(self.marketing.id)]}
        )
        self.assertNotIn(self.mike, self.marketing.users)

    def test_unflagging_a_guarding_group_is_refused(self):
        self.prospect(self.marketing)
        with self.assertRaisesText(UserError, "still guards records"):
            self.marketing.is_visibility_group = False

    def test_counts_of_several_groups(self):
        """A record visible to two of the deleted groups only reverts."""
        both = self.prospect(self.marketing | self.sales)
        wizard = self.env["crm.visibility.group.delete.wizard"].create(
            {"group_ids": [Command.set((self.marketing | self.sales).ids)]}
        )
        self.assertEqual((wizard.revert_count, wizard.keep_count), (1, 0))
        wizard.action_confirm()
        self.assertEqual(both.visibility, "everyone")

    def test_list_counts(self):
        """The lists of visibility groups and roles count members and records."""
        self.prospect(self.marketing | self.sales)
        self.prospect(self.marketing)
        groups = self.marketing | self.sales
        self.assertEqual(groups.mapped("member_count"), [2, 2])
        self.assertEqual(groups.mapped("visibility_record_count"), [2, 1])
        self.marketing.users = [Command.unlink(self.mike.id)]
        self.assertEqual(self.marketing.member_count, 1)
        role = self.env["res.groups"].search([("name", "=", "Seed seller")])
        self.assertEqual(role.member_count, 3)


@tagged("post_install", "-at_install", "crm_visibility")
class TestVisibilityOnScreen(CrmUserManagementCommon):
    """What the form offers: owners widen, on screen too; others change nothing."""

    def test_owner_is_offered_only_wider(self):
        closer = self.make_role_user(
            "cum_screen_chloe", self.env.ref("crm_user_management.role_closer")
        )
        # a Sales Manager reads every lead, but owns not this one
        other = self.make_role_user(
            "cum_screen_sam", self.env.ref("crm_user_management.role_sales_manager")
        )
        lead = self.env["crm.lead"].create(
            {"name": "Screen lead", "type": "opportunity", "user_id": closer.id}
        )
        form = Form(lead.with_user(closer))
        self.assertFalse(lead.with_user(closer).crm_visibility_readonly)
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.visibility = "private"
        self.assertEqual(form.visibility, "everyone", "narrowing undone on screen")
        self.assertIn("only make this record visible to more people", logs.output[0])
        private = self.env["crm.lead"].create(
            {
                "name": "Private screen lead",
                "type": "opportunity",
                "user_id": closer.id,
                "visibility": "private",
            }
        )
        form = Form(private.with_user(closer))
        form.visibility = "everyone"
        form.save()
        self.assertEqual(private.visibility, "everyone")
        # someone else's record: the choice is read-only for a non-admin
        self.assertTrue(lead.with_user(other).crm_visibility_readonly)
        admin = self.make_role_user(
            "cum_screen_admin", self.env.ref("crm_user_management.role_admin")
        )
        self.assertFalse(lead.with_user(admin).crm_visibility_readonly)
