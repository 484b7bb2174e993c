# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The product's attack suite: each test acts as the attacking account through
the public method an RPC client calls, and fails if the hole reopens."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CrmUserManagementCommon


class CrmAttackCase(CrmUserManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.role_owner = ref("crm_user_management.role_owner")
        cls.role_admin = ref("crm_user_management.role_admin")
        cls.role_sales_manager = ref("crm_user_management.role_sales_manager")
        cls.role_closer = ref("crm_user_management.role_closer")
        cls.role_default = cls.env["res.groups"]._crm_default_role()
        cls.owner = ref("base.user_admin")
        cls.template = ref("base.default_user")
        cls.olivia = cls.make_role_user("atk_olivia", cls.role_admin, name="Olivia")
        cls.oscar = cls.make_role_user("atk_oscar", cls.role_admin, name="Oscar")
        cls.sam = cls.make_role_user("atk_sam", cls.role_sales_manager, name="Sam")
        cls.chloe = cls.make_role_user("atk_chloe", cls.role_closer, name="Chloe")
        cls.carl = cls.make_role_user("atk_carl", cls.role_closer, name="Carl")
        people = cls.olivia | cls.oscar | cls.sam | cls.chloe | cls.carl
        people.write({"lifecycle_state": "active"})


@tagged("post_install", "-at_install", "crm_attacks")
class TestTemplateOfNewUsers(CrmAttackCase):
    """F1: the template of new users is no way to change everyone's roles."""

    def test_delegate_set_roles_on_template_refused(self):
        with self.assertRaisesText(UserError, "system account"):
            self.env["res.users"].with_user(self.sam).browse(
                self.template.id
            ).set_roles([self.role_sales_manager.id])
        self.assertNotIn(self.role_sales_manager, self.chloe.groups_id)
        self.assertNotIn(self.role_sales_manager, self.template.groups_id)
        self.assertFalse(
            self.chloe.has_group("sales_team.group_sale_manager"),
            "Chloe got Sales Administrator through the template",
        )

    def test_system_accounts_no_target_of_set_roles_or_lifecycle(self):
        users = self.env["res.users"].with_context(active_test=False)
        for xmlid in ("base.default_user", "base.public_user", "base.user_root"):
            account = users.browse(self.env.ref(xmlid).id)
            with self.assertRaisesText(UserError, "system account"):
                account.with_user(self.olivia).set_roles([self.role_closer.id])
            with self.assertRaisesText(UserError, "system account"):
                account.with_user(self.sam).action_suspend()

    def test_delegate_cannot_write_template_groups_even_through_sudo_paths(self):
        # a delegate writes users through sudo() in set_roles: the template's
        # groups are still refused to them, whatever the environment
        with self.assertRaisesText(AccessError, "roles of the template"):
            self.template.with_user(self.sam).sudo().write(
                {"groups_id": [Command.link(self.role_sales_manager.id)]}
            )

    def test_stock_code_still_gives_system_accounts_plain_groups(self):
        # a new company makes stock give __system__ and its creator the
        # multi-company group, under sudo: no role, nothing refused
        company = (
            self.env["res.company"]
            .with_user(self.sam)
            .sudo()
            .create({"name": "Second company"})
        )
        self.assertTrue(company)
        root = self.env.ref("base.user_root")
        self.assertTrue(root.has_group("base.group_multi_company"))

    def test_admin_template_role_change_does_not_spread(self):
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        before = {u: u.groups_id for u in (self.owner, self.chloe, self.carl)}
        self.template.with_user(self.olivia).write(
            {"groups_id": [Command.link(self.role_sales_manager.id)]}
        )
        self.assertIn(self.role_sales_manager, self.template.groups_id)
        for user, groups in before.items():
            self.assertEqual(user.groups_id, groups, user.name)
        # a plain group given to the template still reaches everyone, as stock
        feature = self.env["res.groups"].create({"name": "Plain feature"})
        self.template.with_user(self.olivia).write(
            {"groups_id": [Command.link(feature.id)]}
        )
        self.assertIn(feature, self.chloe.groups_id)


@tagged("post_install", "-at_install", "crm_attacks")
class TestOwnerRole(CrmAttackCase):
    """F2: nobody moves the Owner role, from any side."""

    def assertOwnerUnchanged(self):
        owners = self.role_owner.with_context(active_test=False).users
        self.assertEqual(owners, self.owner)

    def test_admin_takes_owner_role_from_group_side(self):
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.role_owner.with_user(self.olivia).write(
                {"users": [Command.set([self.olivia.id])]}
            )
        self.assertOwnerUnchanged()

    def test_admin_takes_owner_role_from_user_side(self):
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.olivia.with_user(self.olivia).write(
                {"groups_id": [Command.link(self.role_owner.id)]}
            )
        with self.assertRaisesText(UserError, "Only roles|Owner"):
            self.olivia.with_user(self.olivia).set_roles([self.role_owner.id])
        self.assertOwnerUnchanged()

    def test_admin_takes_owner_role_through_implied_groups(self):
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.role_admin.with_user(self.olivia).write(
                {"implied_ids": [Command.link(self.role_owner.id)]}
            )
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.env["res.groups"].with_user(self.olivia).create(
                {
                    "name": "Back door",
                    "users": [Command.set(self.olivia.ids)],
                    "implied_ids": [Command.link(self.role_owner.id)],
                }
            )
        self.assertOwnerUnchanged()

    def test_owner_cannot_hand_over_or_be_given_at_creation(self):
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.role_owner.with_user(self.owner).write(
                {"users": [Command.set([self.olivia.id])]}
            )
        with self.assertRaisesText(UserError, "neither given nor taken"):
            self.env["res.users"].with_user(self.olivia).create(
                {
                    "name": "New boss",
                    "login": "boss@example.com",
                    "groups_id": [
                        Command.set(
                            [self.env.ref("base.group_user").id, self.role_owner.id]
                        )
                    ],
                }
            )
        self.assertOwnerUnchanged()

    def test_superuser_account_transfers_ownership(self):
        # the one technical way, from odoo-bin shell (README, Security model)
        self.role_owner.write(
            {"users": [Command.unlink(self.owner.id), Command.link(self.olivia.id)]}
        )
        self.assertEqual(self.role_owner.users, self.olivia)


@tagged("post_install", "-at_install", "crm_attacks")
class TestAdminsProtected(CrmAttackCase):
    """F3: only the Owner demotes, suspends, archives or deletes an Admin."""

    def test_admin_demotes_admin_refused_from_every_side(self):
        with self.assertRaisesText(AccessError, "Only the Owner can take the Admin"):
            self.oscar.with_user(self.olivia).set_roles([self.role_closer.id])
        with self.assertRaisesText(AccessError, "Only the Owner can take the Admin"):
            self.oscar.with_user(self.olivia).write(
                {"groups_id": [Command.unlink(self.role_admin.id)]}
            )
        with self.assertRaisesText(AccessError, "Only the Owner can take the Admin"):
            self.role_admin.with_user(self.olivia).write(
                {"users": [Command.unlink(self.oscar.id)]}
            )
        self.assertIn(self.role_admin, self.oscar.groups_id)

    def test_admin_suspends_archives_deletes_admin_refused(self):
        with self.assertRaisesText(AccessError, "Only the Owner"):
            self.oscar.with_user(self.olivia).action_suspend()
        with self.assertRaisesText(AccessError, "Only the Owner"):
            self.oscar.with_user(self.olivia).action_archive()
        with self.assertRaisesText(AccessError, "Only the Owner"):
            self.oscar.with_user(self.olivia).unlink()
        self.assertEqual(self.oscar.lifecycle_state, "active")
        self.assertTrue(self.oscar.active)

    def test_owner_demotes_admin(self):
        self.oscar.with_user(self.owner).set_roles([self.role_closer.id])
        self.assertEqual(self.oscar.role_ids, self.role_closer)
        self.oscar.with_user(self.owner).action_suspend()
        self.assertEqual(self.oscar.lifecycle_state, "suspended")


@tagged("post_install", "-at_install", "crm_attacks")
class TestOwnerAccount(CrmAttackCase):
    """F4: only the Owner changes the Owner's credentials."""

    def test_admin_changes_owner_credentials_refused(self):
        login = self.owner.login
        for vals in (
            {"password": "pwned"},
            {"login": "olivia-owns@example.com"},
            {"email": "olivia-owns@example.com"},
        ):
            with self.assertRaisesText(AccessError, "can change their own login"):
                self.owner.with_user(self.olivia).write(vals)
        with self.assertRaisesText(AccessError, "can change their own login"):
            self.owner.partner_id.with_user(self.olivia).write(
                {"email": "olivia-owns@example.com"}
            )
        self.assertEqual(self.owner.login, login)

    def test_admin_change_password_wizard_on_owner_refused(self):
        wizard = (
            self.env["change.password.wizard"]
            .with_user(self.olivia)
            .create(
                {
                    "user_ids": [
                        Command.create(
                            {
                                "user_id": self.owner.id,
                                "user_login": self.owner.login,
                                "new_passwd": "pwned",
                            }
                        )
                    ]
                }
            )
        )
        with self.assertRaisesText(AccessError, "can change their own login"):
            wizard.user_ids.change_password_button()

    def test_admin_removes_owner_api_key_refused(self):
        self.env["res.users.apikeys"].with_user(self.owner)._generate(
            None, "owner key", fields.Datetime.add(fields.Datetime.now(), days=1)
        )
        key = self.env["res.users.apikeys"].search([("user_id", "=", self.owner.id)])
        self.assertTrue(key)
        with self.assertRaisesText(AccessError, "can change their own login"):
            # remove() asks for the password over HTTP, then calls _remove()
            key.with_user(self.olivia)._remove()
        self.assertTrue(key.exists())

    def test_admin_credentials_protected_from_other_admins(self):
        with self.assertRaisesText(AccessError, "can change their own login"):
            self.oscar.with_user(self.olivia).write({"password": "pwned"})
        # the Owner may; an Admin changes their own; a closer is no one's
        self.oscar.with_user(self.owner).write({"password": "new-oscar-pw"})
        self.olivia.with_user(self.olivia).write({"email": "olivia2@example.com"})
        self.chloe.with_user(self.olivia).write({"password": "chloe-new-pw"})


@tagged("post_install", "-at_install", "crm_attacks")
class TestSeatsThroughGroups(CrmAttackCase):
    """F6: every way a user becomes internal takes a seat."""

    def setUp(self):
        super().setUp()
        self.plain = self.env["res.groups"].create({"name": "Plain group"})
        self.typeless = self.env["res.users"].create(
            {
                "name": "Typeless",
                "login": "typeless@example.com",
                "email": "typeless@example.com",
                "groups_id": [Command.set(self.plain.ids)],
            }
        )
        self.assertTrue(self.typeless.share)
        self.set_seat_limit(self.used_seats())

    def test_implied_internal_group_past_the_limit_refused(self):
        used = self.used_seats()
        internal = self.env.ref("base.group_user")
        with self.assertRaisesText(UserError, "No free seat"):
            self.plain.with_user(self.olivia).write(
                {"implied_ids": [Command.link(internal.id)]}
            )
        self.assertEqual(self.used_seats(), used)
        self.assertFalse(self.typeless._is_internal())

    def test_group_becoming_role_past_the_limit_refused(self):
        used = self.used_seats()
        with self.assertRaisesText(UserError, "No free seat"):
            self.plain.with_user(self.olivia).write({"is_role": True})
        self.assertEqual(self.used_seats(), used)

    def test_a_user_made_internal_by_a_group_is_counted(self):
        self.set_seat_limit(self.used_seats() + 1)
        used = self.used_seats()
        self.plain.with_user(self.olivia).write(
            {"implied_ids": [Command.link(self.env.ref("base.group_user").id)]}
        )
        self.assertEqual(self.used_seats(), used + 1)
        self.assertEqual(
            self.env["res.users"].with_user(self.olivia).get_seat_usage()["used"],
            used + 1,
        )
        self.assertFalse(self.typeless.share, "the user type follows the group")


@tagged("post_install", "-at_install", "crm_attacks")
class TestDefaultRole(CrmAttackCase):
    """F10: the default role means what it says."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        # what sales_team's data gives the template of new users
        self.template.groups_id = [
            Command.link(self.env.ref("sales_team.group_sale_manager").id),
            Command.link(self.env.ref("base.group_allow_export").id),
        ]

    def assertOnlyDefaultRole(self, user):
        self.assertEqual(user.role_ids, self.role_default)
        for xmlid in (
            "sales_team.group_sale_salesman",
            "sales_team.group_sale_salesman_all_leads",
            "sales_team.group_sale_manager",
            "base.group_allow_export",
        ):
            self.assertFalse(user.has_group(xmlid), xmlid)
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(user).search_count([])
        scopes = user.with_user(user).get_effective_permissions()
        self.assertEqual(
            {s for actions in scopes.values() for s in actions.values()}, {"none"}
        )

    def test_user_created_with_default_role_only(self):
        user = (
            self.env["res.users"]
            .with_user(self.olivia)
            .create({"name": "Newbie", "login": "newbie@example.com"})
        )
        self.assertOnlyDefaultRole(user)

    def test_user_invited_without_role(self):
        wizard = (
            self.env["crm.user.invite.wizard"]
            .with_user(self.olivia)
            .create({"paste_text": "invitee@example.com"})
        )
        wizard.action_send()
        user = self.env["res.users"].search([("login", "=", "invitee@example.com")])
        self.assertOnlyDefaultRole(user)

    def test_existing_users_keep_stock_access(self):
        # users that existed at install hold the default role and keep the
        # access stock gave them: the demo salesman sees what stock shows him
        demo = self.env.ref("base.user_demo")
        self.assertIn(self.role_default, demo.groups_id)
        self.assertTrue(demo.has_group("sales_team.group_sale_salesman"))
        stock_domain = ["|", ("user_id", "=", demo.id), ("user_id", "=", False)]
        expected = self.env["crm.lead"].search(stock_domain)
        self.assertTrue(expected, "crm's demo leads are expected")
        self.assertEqual(self.env["crm.lead"].with_user(demo).search([]), expected)


@tagged("post_install", "-at_install", "crm_attacks")
class TestArchiveKeepsActivities(CrmAttackCase):
    """Archiving a user keeps the activities assigned to them."""

    def test_archive_and_delete_keep_activities(self):
        lead = self.env["crm.lead"].create(
            {"name": "Kept work", "user_id": self.carl.id, "type": "opportunity"}
        )
        activity = lead.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.carl.id, summary="Call"
        )
        self.carl.with_user(self.olivia).action_archive()
        self.assertTrue(activity.exists())
        self.assertEqual(activity.user_id, self.carl)
        other = lead.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.chloe.id, summary="Mail"
        )
        # "Delete" on the Users screen archives
        self.chloe.with_user(self.olivia).with_context(
            crm_user_management_archive_on_delete=True
        ).unlink()
        self.assertFalse(self.chloe.active)
        self.assertTrue(other.exists())
        # unrelated activity deletes still delete
        other.unlink()
        self.assertFalse(other.exists())


@tagged("post_install", "-at_install", "crm_attacks")
class TestSecondRound(CrmAttackCase):
    """Ways around the first fixes that an attack over RPC found."""

    def test_admin_repoints_owner_partner_refused(self):
        # the partner holds the email the password-reset link goes to
        evil = self.env["res.partner"].create(
            {"name": "Evil", "email": "evil@attacker.example"}
        )
        with self.assertRaisesText(AccessError, "can change their own login"):
            self.owner.with_user(self.olivia).write({"partner_id": evil.id})
        with self.assertRaisesText(AccessError, "can change their own login"):
            self.oscar.with_user(self.olivia).write({"partner_id": evil.id})
        self.assertNotEqual(self.owner.email, "evil@attacker.example")

    def test_admin_repoints_role_xmlids_refused(self):
        fake = self.env["res.groups"].create({"name": "Fake Owner"})
        for name in ("role_owner", "role_admin"):
            data = self.env["ir.model.data"].search(
                [("module", "=", "crm_user_management"), ("name", "=", name)]
            )
            with self.assertRaisesText(AccessError, "XML ids of the Owner"):
                data.with_user(self.olivia).write({"res_id": fake.id})
            with self.assertRaisesText(AccessError, "XML ids of the Owner"):
                data.with_user(self.olivia).unlink()
        self.assertEqual(self.env["res.groups"]._crm_role("owner").users, self.owner)

    def test_delegate_gives_role_implying_settings_refused(self):
        closer_plus = self.make_role(
            "Closer plus",
            {("lead", "view"): "own"},
            implied_ids=[Command.link(self.env.ref("base.group_system").id)],
        )
        with self.assertRaisesText(AccessError, "goes beyond your own rights"):
            self.chloe.with_user(self.sam).set_roles([closer_plus.id])
        with self.assertRaisesText(AccessError, "goes beyond your own rights"):
            self.sam.with_user(self.sam).set_roles(
                [self.role_sales_manager.id, closer_plus.id]
            )
        self.assertFalse(self.chloe.has_group("base.group_system"))
        self.assertFalse(self.sam.has_group("base.group_system"))

    def test_role_holders_stay_internal(self):
        internal = self.env.ref("base.group_user")
        used = self.used_seats()
        for user in (self.oscar, self.owner, self.chloe):
            with self.assertRaisesText(UserError, "holds roles that give"):
                internal.with_user(self.olivia).write(
                    {"users": [Command.unlink(user.id)]}
                )
            self.assertFalse(user.share)
        self.assertEqual(self.used_seats(), used)

    def test_system_accounts_neither_activated_nor_deleted(self):
        users = self.env["res.users"].with_context(active_test=False)
        for xmlid in ("base.default_user", "base.public_user"):
            account = users.browse(self.env.ref(xmlid).id).with_user(self.olivia)
            with self.assertRaisesText(UserError, "system account"):
                account.write({"active": True})
            with self.assertRaisesText(UserError, "system account"):
                account.unlink()
        self.assertTrue(self.env.ref("base.public_user").exists())

    def test_template_group_bringing_a_role_does_not_spread(self):
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        setter = self.env.ref("crm_user_management.role_setter")
        bringer = self.env["res.groups"].create(
            {"name": "Plain P", "implied_ids": [Command.link(setter.id)]}
        )
        self.template.with_user(self.olivia).write(
            {"groups_id": [Command.link(bringer.id)]}
        )
        for user in (self.owner, self.oscar, self.sam, self.chloe):
            self.assertNotIn(setter, user.groups_id, user.name)

    def test_pending_admin_invitation_link_is_the_owners(self):
        ivy = self.invite("ivy.admin@example.com")
        ivy.write({"groups_id": [Command.link(self.role_admin.id)]})
        ivy.invalidate_recordset()
        self.assertEqual(ivy.lifecycle_state, "invited")
        self.assertFalse(ivy.with_user(self.olivia).invite_url)
        self.assertTrue(ivy.with_user(self.owner).invite_url)
        # a pending closer's link stays the Admins' to copy
        cleo = self.invite("cleo@example.com")
        self.assertTrue(cleo.with_user(self.olivia).invite_url)

    def test_default_role_creates_no_contacts(self):
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        self.template.groups_id = [
            Command.link(self.env.ref("base.group_partner_manager").id)
        ]
        user = self.invite("emma@example.com")
        self.assertFalse(user.has_group("base.group_partner_manager"))
        customer = self.env["res.partner"].create({"name": "Brandon"})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(user).create({"name": "Emma's"})
        with self.assertRaises(AccessError):
            customer.with_user(user).unlink()
        self.assertTrue(customer.exists())
