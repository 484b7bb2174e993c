# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from xmlrpc.client import Fault

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CrmUserManagementCase, CrmUserManagementCommon


@tagged("post_install", "-at_install", "crm_delegation")
class TestDelegation(CrmUserManagementCase, HttpCase):
    """A Sales Manager ('manage users', not Owner/Admin) cannot escalate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._crm_setup_users()
        ref = cls.env.ref
        cls.closer_role = ref("crm_user_management.role_closer")
        cls.delegate = cls.make_role_user(
            "cum_delegate", ref("crm_user_management.role_sales_manager")
        )
        cls.closer = cls.make_role_user("cum_closer", cls.closer_role)
        cls.closer.write({"lifecycle_state": "active"})
        cls.wide_role = cls.env["res.groups"].create(
            {"name": "Deleter", "is_role": True}
        )
        for action in ("view", "edit", "delete"):
            cls.wide_role.set_role_permission("lead", action, "all")

    def rpc(self, model, method, *args):
        return self.xmlrpc_object.execute(
            self.env.cr.dbname, self.delegate.id, "cum_delegate", model, method, *args
        )

    def test_delegate_is_no_user_admin(self):
        """Manage users is no Access Rights: beyond set_roles and the lifecycle
        actions, the delegate writes no user and no group directly."""
        self.assertFalse(self.delegate.has_group("base.group_erp_manager"))
        self.assertTrue(self.delegate.get_effective_extras()["role_can_manage_users"])
        with self.assertRaises(AccessError):
            self.closer.with_user(self.delegate).write({"login": "taken@example.com"})
        with self.assertRaises(AccessError):
            self.env.ref("base.group_user").with_user(self.delegate).write(
                {"users": [Command.link(self.delegate.id)]}
            )
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.delegate).create(
                {"name": "Direct", "login": "direct@example.com"}
            )

    def test_delegate_manages_users_within_rights(self):
        self.closer.with_user(self.delegate).action_suspend()
        self.assertEqual(self.closer.lifecycle_state, "suspended")
        self.closer.with_user(self.delegate).action_reactivate()
        setter = self.env.ref("crm_user_management.role_setter")
        self.closer.with_user(self.delegate).set_roles(setter.ids)
        self.assertEqual(self.closer.crm_role_ids, setter)

    def test_delegate_cannot_grant_what_they_lack(self):
        roles_before = self.closer.crm_role_ids
        with self.assertRaisesText(AccessError, "goes beyond your own rights"):
            self.closer.with_user(self.delegate).set_roles(self.wide_role.ids)
        owner = self.env.ref("crm_user_management.role_owner")
        admin = self.env.ref("crm_user_management.role_admin")
        for role in (owner, admin):
            with self.assertRaisesText(AccessError, "Only the Owner and Admins"):
                self.closer.with_user(self.delegate).set_roles(role.ids)
        self.assertEqual(self.closer.crm_role_ids, roles_before)
        # nor manage the users of a role wider than theirs
        self.closer.write({"groups_id": [Command.link(self.wide_role.id)]})
        with self.assertRaisesText(AccessError, "goes beyond your own rights"):
            self.closer.with_user(self.delegate).action_suspend()
        with self.assertRaisesText(AccessError, "Only the Owner and Admins"):
            self.env.ref("base.user_admin").with_user(self.delegate).action_suspend()

    def test_delegated_role_manager_stays_within_own_rights(self):
        self.delegate.groups_id.filtered("is_role").write(
            {"role_can_manage_roles": True}
        )
        leads = self.closer_role.role_permission_ids.filtered(
            lambda p: p.entity == "lead"
        )
        # narrowing, and widening up to their own rights (Sales Manager: all)
        leads.with_user(self.delegate).write({"create_scope": "none"})
        leads.with_user(self.delegate).write({"view_scope": "all"})
        self.assertEqual((leads.view_scope, leads.create_scope), ("all", "none"))
        with self.assertRaisesText(AccessError, "lead delete.*beyond your own"):
            leads.with_user(self.delegate).write({"delete_scope": "own"})
        self.assertEqual(leads.delete_scope, "none")
        # a row never moves to another entity or role (to carry its scopes)
        activity = self.closer_role.role_permission_ids.filtered(
            lambda p: p.entity == "activity"
        )
        with self.assertRaisesText(UserError, "one role and one entity for good"):
            activity.with_user(self.delegate).write({"entity": "lead"})
        own_role = self.delegate.groups_id.filtered("is_role")[0]
        with self.assertRaisesText(UserError, "one role and one entity for good"):
            leads.with_user(self.delegate).write({"group_id": own_role.id})
        # nor does a delegate touch the Owner's or an Admin's rows
        owner_rows = self.env.ref("crm_user_management.role_owner").role_permission_ids
        with self.assertRaisesText(AccessError, "Only the Owner changes the rights"):
            owner_rows[0].with_user(self.delegate).write({"view_scope": "none"})
        self.assertEqual(owner_rows[0].view_scope, "all")

    def test_everyones_contacts_are_no_right_to_delegate(self):
        """With contacts visible to everyone, a delegate whose own matrix views
        their own contacts still cannot give a role every contact."""
        narrow = self.make_role(
            "Own contacts",
            {("lead", "view"): "all", ("contact", "view"): "own"},
            role_can_manage_roles=True,
        )
        delegate = self.make_role_user("cum_narrow_delegate", narrow)
        self.assertEqual(
            delegate.with_user(delegate).get_effective_permissions()["contact"]["view"],
            "all",
            "contacts visible to everyone",
        )
        contacts = self.closer_role.role_permission_ids.filtered(
            lambda p: p.entity == "contact"
        )
        contacts.write(
            {
                "view_scope": "own",
                "create_scope": "none",
                "edit_scope": "none",
                "delete_scope": "none",
            }
        )
        with self.assertRaisesText(AccessError, "contact view.*beyond your own"):
            contacts.with_user(delegate).write({"view_scope": "all"})
        self.assertEqual(contacts.view_scope, "own")

    def test_escalation_through_xmlrpc_fails(self):
        system = self.env.ref("base.group_system")
        attempts = [
            ("res.users", "write", [self.delegate.id], {"groups_id": [(4, system.id)]}),
            ("res.users", "write", [self.closer.id], {"lifecycle_state": "suspended"}),
            (
                "res.users",
                "write",
                [self.closer.id],
                {"groups_id": [(4, self.wide_role.id)]},
            ),
            ("res.groups", "write", [system.id], {"users": [(4, self.delegate.id)]}),
            (
                "res.groups",
                "write",
                [self.wide_role.id],
                {"users": [(4, self.delegate.id)]},
            ),
            ("res.users", "set_roles", [self.delegate.id], [self.wide_role.id]),
            (
                "res.users",
                "set_roles",
                [self.delegate.id],
                [self.env.ref("crm_user_management.role_admin").id],
            ),
            (
                "crm.role.permission",
                "write",
                self.closer_role.role_permission_ids.ids,
                {"delete_scope": "all", "edit_scope": "all", "view_scope": "all"},
            ),
        ]
        for model, method, *args in attempts:
            with self.subTest(model=model, method=method, args=args):
                with self.assertRaises(Fault) as catcher:
                    self.rpc(model, method, *args)
                # 4: Odoo's XML-RPC fault code of an AccessError
                self.assertEqual(catcher.exception.faultCode, 4)
        self.env.invalidate_all()
        self.assertFalse(self.delegate.has_group("base.group_system"))
        self.assertNotIn(
            self.wide_role, self.delegate.groups_id | self.closer.groups_id
        )
        self.assertEqual(self.closer.lifecycle_state, "active")
        self.assertEqual(
            self.closer_role.role_permission_ids.filtered(
                lambda p: p.entity == "lead"
            ).delete_scope,
            "none",
        )

    def test_rights_change_applies_on_next_request(self):
        lead = self.env["crm.lead"].create(
            {"name": "Someone else's", "type": "lead", "user_id": self.user_manager.id}
        )
        self.authenticate("cum_closer", "cum_closer")

        def visible():
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw/crm.lead/search_count",
                {
                    "model": "crm.lead",
                    "method": "search_count",
                    "args": [[("id", "=", lead.id)]],
                    "kwargs": {},
                },
            )

        self.assertEqual(visible(), 0)
        self.closer_role.set_role_permission("lead", "view", "all")
        self.assertEqual(visible(), 1, "same session, next request")


@tagged("post_install", "-at_install", "crm_delegation")
class TestTeamScreen(CrmUserManagementCommon):
    """The Team screen: delegates manage their team within their rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.closer_role = ref("crm_user_management.role_closer")
        cls.admin_role = ref("crm_user_management.role_admin")
        cls.sam = cls.make_role_user(
            "cum_team_sam", ref("crm_user_management.role_sales_manager")
        )
        cls.chloe = cls.make_role_user("cum_team_chloe", cls.closer_role)
        cls.olivia = cls.make_role_user("cum_team_olivia", cls.admin_role)
        cls.owner = ref("base.user_admin")
        cls.wide_role = cls.env["res.groups"].create(
            {"name": "Deleter", "is_role": True}
        )
        for action in ("view", "edit", "delete"):
            cls.wide_role.set_role_permission("lead", action, "all")
        cls.deleter = cls.make_role_user("cum_team_deleter", cls.wide_role)

    def test_menu_for_user_managers_only(self):
        menu = self.env.ref("crm_user_management.menu_crm_team_members")
        for user, shown in (
            (self.sam, True),
            (self.olivia, True),
            (self.owner, True),
            (self.chloe, False),
        ):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in visible, shown, user.name)
        # the group follows the role: a Closer made Sales Manager gets it,
        # and loses it with the role
        group = self.env.ref("crm_user_management.group_crm_user_manager")
        self.chloe.with_user(self.olivia).set_roles(
            self.env.ref("crm_user_management.role_sales_manager").ids
        )
        self.assertIn(group, self.chloe.groups_id)
        self.chloe.with_user(self.olivia).set_roles(self.closer_role.ids)
        self.assertNotIn(group, self.chloe.groups_id)

    def test_rows_a_delegate_may_manage(self):
        users = self.chloe | self.olivia | self.owner | self.deleter | self.sam
        manageable = users.with_user(self.sam).filtered("crm_can_manage")
        # not the Owner, not an Admin, not beyond his rights, not himself
        self.assertEqual(manageable, self.chloe)
        self.assertEqual(
            users.with_user(self.olivia).filtered("crm_can_manage"),
            self.chloe | self.deleter | self.sam,
        )
        self.assertEqual(
            users.with_user(self.owner).filtered("crm_can_manage"),
            self.chloe | self.olivia | self.deleter | self.sam,
        )
        self.assertFalse(users.with_user(self.chloe).filtered("crm_can_manage"))
        action = self.env.ref("crm_user_management.action_crm_team_members")
        team = (
            self.env["res.users"].with_user(self.sam).search(safe_eval(action.domain))
        )
        self.assertIn(self.chloe, team)
        self.assertNotIn(self.env.ref("base.default_user"), team)
        self.assertFalse(team & self.env["res.users"]._crm_system_accounts())

    def test_role_wizard_offers_and_gives_only_roles_within_rights(self):
        Wizard = self.env["crm.user.role.wizard"].with_user(self.sam)
        action = self.chloe.with_user(self.sam).action_crm_change_roles()
        wizard = Wizard.browse(action["res_id"])
        self.assertEqual(wizard.role_ids, self.chloe.crm_role_ids)
        self.assertIn(self.closer_role, wizard.role_ids)
        offered = wizard.allowed_role_ids
        self.assertIn(self.closer_role, offered)
        self.assertNotIn(self.admin_role, offered)
        self.assertNotIn(self.env.ref("crm_user_management.role_owner"), offered)
        self.assertNotIn(self.wide_role, offered)
        setter = self.env.ref("crm_user_management.role_setter")
        wizard.role_ids = setter
        result = wizard.action_apply()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.chloe.crm_role_ids, setter)
        # a role he may not give, sent by a client, is refused as a whole
        wizard.write({"role_ids": [Command.set((self.admin_role | setter).ids)]})
        with self.assertRaisesText(AccessError, "cannot give"):
            wizard.action_apply()
        self.assertEqual(self.chloe.crm_role_ids, setter)
        wizard.role_ids = False
        with self.assertRaisesText(UserError, "at least one role"):
            wizard.action_apply()
        # nor are the Owner's, an Admin's or a wider user's roles his to change
        for user in (self.owner, self.olivia, self.deleter):
            with self.assertRaisesText(AccessError, "cannot change the roles"):
                user.with_user(self.sam).action_crm_change_roles()
        with self.assertRaises(AccessError):
            self.chloe.with_user(self.chloe).action_crm_change_roles()

    def test_delegate_invites_with_a_role_he_may_give(self):
        Wizard = self.env["crm.user.invite.wizard"].with_user(self.sam)
        Wizard.action_open()
        wizard = Wizard.create(
            {
                "line_ids": [
                    Command.create(
                        {
                            "email": "new.closer@example.com",
                            "role_id": self.closer_role.id,
                        }
                    )
                ]
            }
        )
        wizard.action_send()
        invited = self.env["res.users"].search(
            [("login", "=", "new.closer@example.com")]
        )
        self.assertEqual(invited.crm_role_ids, self.closer_role)
        self.assertEqual(invited.lifecycle_state, "invited")
        log = self.env["crm.audit.log"].search(
            [("user_id", "=", invited.id)], order="id desc", limit=1
        )
        self.assertEqual(log.author_id, self.sam)
        # an Admin role is not his to give: refused, nobody invited
        wizard = Wizard.create(
            {
                "line_ids": [
                    Command.create(
                        {
                            "email": "new.admin@example.com",
                            "role_id": self.admin_role.id,
                        }
                    )
                ]
            }
        )
        with self.assertRaisesText(UserError, "Nothing was sent"):
            wizard.action_send()
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "new.admin@example.com")])
        )
        role_field = self.env["crm.user.invite.wizard.line"].with_user(self.sam)
        offered = self.env["res.groups"].search(role_field._crm_role_domain())
        self.assertIn(self.closer_role, offered)
        self.assertNotIn(self.admin_role, offered)
        # a Closer invites nobody
        with self.assertRaises(AccessError):
            self.env["crm.user.invite.wizard"].with_user(self.chloe).action_open()

    def test_delegate_archives_and_copies_links_within_rights(self):
        pending = self.make_role_user("cum_team_pending", self.closer_role)
        pending.sudo()._crm_write_derived({"lifecycle_state": "invited"})
        pending.partner_id.sudo().signup_prepare(signup_type="signup")
        sam_view = pending.with_user(self.sam)
        self.assertTrue(sam_view.invite_url)
        # not the link of a user beyond his rights (it sets their password)
        self.deleter.sudo()._crm_write_derived({"lifecycle_state": "invited"})
        self.deleter.partner_id.sudo().signup_prepare(signup_type="signup")
        self.assertFalse(self.deleter.with_user(self.sam).invite_url)
        self.assertTrue(self.deleter.with_user(self.olivia).invite_url)
        result = self.chloe.with_user(self.sam).action_crm_archive()
        self.assertIn("data stays", result["params"]["message"])
        self.assertFalse(self.chloe.active)
        for user in (self.olivia, self.deleter):
            with self.assertRaises(AccessError):
                user.with_user(self.sam).action_crm_archive()
            self.assertTrue(user.active)

    def test_user_form_changes_roles_and_visibility_groups(self):
        """On the user form (normal mode) the Admins tick roles and pick
        visibility groups; the same checks as set_roles hold."""
        setter = self.env.ref("crm_user_management.role_setter")
        group = self.make_visibility_group("Key accounts")
        form = Form(self.chloe.with_user(self.olivia), view="base.view_users_form")
        form.crm_role_ids.clear()
        form.crm_role_ids.add(setter)
        form.crm_visibility_group_ids.add(group)
        form.save()
        self.assertEqual(self.chloe.crm_role_ids, setter)
        self.assertIn(group, self.chloe.groups_id)
        form = Form(self.chloe.with_user(self.olivia), view="base.view_users_form")
        form.crm_visibility_group_ids.clear()
        form.save()
        self.assertNotIn(group, self.chloe.groups_id)
        # the Owner role is never given, nor a plain group through these fields
        owner_role = self.env.ref("crm_user_management.role_owner")
        with self.assertRaisesText(UserError, "Owner"):
            self.chloe.with_user(self.olivia).write(
                {"crm_role_ids": [Command.link(owner_role.id)]}
            )
        self.chloe.with_user(self.olivia).write(
            {
                "crm_visibility_group_ids": [
                    Command.link(self.env.ref("base.group_system").id)
                ]
            }
        )
        self.chloe.invalidate_recordset()
        self.assertNotIn(self.env.ref("base.group_system"), self.chloe.groups_id)
        self.assertFalse(self.chloe.crm_visibility_group_ids)
        # a delegate writes no user directly
        with self.assertRaises(AccessError):
            self.chloe.with_user(self.sam).write(
                {"crm_role_ids": [Command.set(setter.ids)]}
            )

    def test_no_group_through_the_invitation_context(self):
        """The defaults of a batch of new users live in the transaction: a
        context key sent by a client gives nothing."""
        system = self.env.ref("base.group_system")
        Wizard = self.env["crm.user.invite.wizard"].with_user(self.sam)
        Wizard = Wizard.with_context(crm_default_group_ids=[system.id])
        wizard = Wizard.create(
            {
                "line_ids": [
                    Command.create({"email": f"smuggled{i}@example.com"})
                    for i in range(2)
                ]
            }
        )
        wizard.action_send()
        users = self.env["res.users"].search([("login", "like", "smuggled%")])
        self.assertEqual(len(users), 2)
        for user in users:
            self.assertNotIn(system, user.groups_id)
            self.assertNotIn(self.env.ref("base.group_erp_manager"), user.groups_id)

    def test_a_demoted_admin_keeps_no_settings(self):
        """What a role implies goes with it: an Admin made Closer by the Owner
        no longer holds Settings or Access Rights."""
        self.olivia.with_user(self.owner).set_roles(self.closer_role.ids)
        self.assertEqual(self.olivia.crm_role_ids, self.closer_role)
        for xmlid in ("base.group_system", "base.group_erp_manager"):
            self.assertNotIn(self.env.ref(xmlid), self.olivia.groups_id, xmlid)
        with self.assertRaises(AccessError):
            self.olivia.with_user(self.olivia).set_roles(self.admin_role.ids)

    def test_wizards_are_their_creators(self):
        owner_wizard = self.env["crm.user.role.wizard"].with_user(self.owner)
        action = self.chloe.with_user(self.owner).action_crm_change_roles()
        wizard = owner_wizard.browse(action["res_id"])
        sam_wizards = self.env["crm.user.role.wizard"].with_user(self.sam)
        self.assertFalse(sam_wizards.search([("id", "=", wizard.id)]))
        with self.assertRaises(AccessError):
            wizard.with_user(self.sam).write(
                {"role_ids": [Command.link(self.admin_role.id)]}
            )
        invite = (
            self.env["crm.user.invite.wizard"]
            .with_user(self.owner)
            .create({"line_ids": [Command.create({"email": "newhire@example.com"})]})
        )
        with self.assertRaises(AccessError):
            self.env["crm.user.invite.wizard.line"].with_user(self.sam).create(
                {
                    "wizard_id": invite.id,
                    "email": "backdoor@example.com",
                    "role_id": self.admin_role.id,
                }
            )
        with self.assertRaises(AccessError):
            invite.line_ids.with_user(self.sam).write({"role_id": self.admin_role.id})
        # nor does a user written into one's own wizard escape the checks
        mine = self.chloe.with_user(self.sam).action_crm_change_roles()
        mine = sam_wizards.browse(mine["res_id"])
        mine.write({"user_ids": [Command.link(self.olivia.id)]})
        with self.assertRaisesText(AccessError, "cannot change the roles"):
            mine.action_apply()
        mine.write({"user_ids": [Command.set(self.sam.ids)]})
        with self.assertRaisesText(AccessError, "cannot change the roles"):
            mine.action_apply()
        with self.assertRaisesText(AccessError, "your own roles"):
            self.sam.with_user(self.sam).set_roles(self.closer_role.ids)

    def test_no_takeover_of_a_pending_user_who_sees_more(self):
        """An invitation link sets the password: a delegate gets none for a
        user holding a group he lacks or owning records he cannot read."""
        pending = self.make_role_user("cum_team_isla", self.closer_role)
        pending.sudo()._crm_write_derived({"lifecycle_state": "invited"})
        pending.partner_id.sudo().signup_prepare(signup_type="signup")
        self.assertTrue(pending.with_user(self.sam).invite_url)
        marketing = self.make_visibility_group("Marketing", pending)
        pending.invalidate_recordset()
        # he still manages her roles and status, but gets no link to her account
        self.assertTrue(pending.with_user(self.sam).crm_can_manage)
        self.assertFalse(pending.with_user(self.sam).invite_url)
        marketing.users = False
        # Settings given on the Access Rights tab is a right beyond his
        settings = self.env.ref("base.group_system")
        pending.sudo()._crm_write_derived({"groups_id": [Command.link(settings.id)]})
        pending.invalidate_recordset()
        self.assertFalse(pending.with_user(self.sam).crm_can_manage)
        with self.assertRaisesText(AccessError, "Owners and Admins|Settings"):
            pending.with_user(self.sam).action_suspend()
        pending.sudo()._crm_write_derived(
            {
                "groups_id": [Command.unlink(settings.id)]
                + [
                    Command.unlink(g.id)
                    for g in settings.trans_implied_ids
                    if g not in self.closer_role.trans_implied_ids
                ]
            }
        )
        self.env["crm.lead"].create(
            {
                "name": "Isla's private deal",
                "user_id": pending.id,
                "visibility": "private",
            }
        )
        pending.invalidate_recordset()
        self.assertTrue(pending.with_user(self.sam).crm_can_manage)
        self.assertFalse(pending.with_user(self.sam).invite_url)
        self.assertTrue(pending.with_user(self.olivia).invite_url)

    def test_menus_and_filters_offer_only_what_holds(self):
        """The Trash menu shows to who may delete; Archived lists no system
        account; the lifecycle actions say what they did."""
        menu = self.env.ref("crm_user_management.menu_crm_trash")
        for user, shown in (
            (self.chloe, False),
            (self.deleter, True),
            (self.olivia, True),
        ):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in visible, shown, user.name)
        archived = (
            self.env["res.users"]
            .with_user(self.olivia)
            .search([("active", "=", False), ("crm_system_account", "=", False)])
        )
        self.assertFalse(archived & self.env["res.users"]._crm_system_accounts())
        self.chloe.sudo()._crm_write_derived({"lifecycle_state": "active"})
        result = self.chloe.with_user(self.olivia).action_suspend()
        self.assertIn("suspended", result["params"]["message"])
        result = self.chloe.with_user(self.olivia).action_reactivate()
        self.assertIn("reactivated", result["params"]["message"])

    def test_screens_and_actions_offered_only_to_who_may_use_them(self):
        """The Team action does not load by URL for a non-manager; the
        Action menu of leads offers Merge only with the right to merge."""
        action = self.env.ref("crm_user_management.action_crm_team_members")
        # what /web/action/load does, as each user
        loaded = action.with_user(self.sam).sudo()._get_action_dict()
        self.assertEqual(loaded["res_model"], "res.users")
        with self.assertRaisesText(AccessError, "is for user managers"):
            action.with_user(self.chloe).sudo()._get_action_dict()
        # Odoo's own actions with groups still load as before
        self.assertTrue(
            self.env.ref("base.action_res_users")
            .with_user(self.chloe)
            .sudo()
            ._get_action_dict()
        )
        merge = self.env.ref("crm.action_merge_opportunities")

        def offered(user):
            bindings = (
                self.env["ir.actions.actions"].with_user(user).get_bindings("crm.lead")
            )
            return {a["id"] for actions in bindings.values() for a in actions}

        self.assertNotIn(merge.id, offered(self.chloe))
        self.assertIn(merge.id, offered(self.sam))
        self.assertIn(merge.id, offered(self.salesman))  # no CRM role: stock

        # no Delete offered to a role that deletes no lead or deal (the
        # Sales Manager's; Sales Administrator's ACL would offer it)
        def list_arch(user):
            views = self.env["crm.lead"].with_user(user).get_views([(False, "list")])
            return etree.fromstring(views["views"]["list"]["arch"])

        self.assertEqual(list_arch(self.sam).get("delete"), "False")
        self.assertNotEqual(list_arch(self.owner).get("delete"), "False")
        self.assertNotEqual(list_arch(self.deleter).get("delete"), "False")

    def test_user_screens_offer_no_dead_ends(self):
        """The Access Rights tab has no empty Sales heading in normal mode;
        the Team screen searches by what it shows, not by portal or 2FA."""
        arch = etree.fromstring(
            self.env["res.users"]
            .with_user(self.olivia)
            .get_views([(self.env.ref("base.view_users_form").id, "form")])["views"][
                "form"
            ]["arch"]
        )
        page = arch.find(".//page[@name='access_rights']")
        headings = [g.get("string") for g in page.iter("group") if g.get("string")]
        self.assertIn("CRM", headings)
        self.assertNotIn("Sales", headings)
        # in debug mode the Sales selection keeps its heading
        stored = etree.fromstring(self.env.ref("base.user_groups_view").arch)
        sales = [g for g in stored.iter("group") if g.get("string") == "Sales"]
        self.assertEqual([g.get("groups") for g in sales], ["base.group_no_one"])
        self.assertTrue(sales[0].findall(".//field"))
        action = self.env.ref("crm_user_management.action_crm_team_members")
        views = (
            self.env["res.users"]
            .with_user(self.sam)
            .get_views([(action.search_view_id.id, "search")])
        )
        search = etree.fromstring(views["views"]["search"]["arch"])
        filters = {f.get("name") for f in search.iter("filter")}
        self.assertIn("crm_filter_pending", filters)
        self.assertNotIn("filter_share", filters)

    def test_third_round_holds(self):
        """Demoting through the user form's roles, a pending user holding a
        group without category, and the template context key."""
        # the Owner demotes an Admin by the roles field: nothing stays behind
        admin = self.make_role_user("cum_team_admin2", self.admin_role)
        admin.with_user(self.owner).write(
            {"crm_role_ids": [Command.set(self.closer_role.ids)]}
        )
        self.assertEqual(admin.crm_role_ids, self.closer_role)
        for xmlid in ("base.group_system", "base.group_erp_manager"):
            self.assertNotIn(self.env.ref(xmlid), admin.groups_id, xmlid)
        log = self.env["crm.audit.log"].search(
            [("user_id", "=", admin.id), ("event", "=", "membership")],
            order="id desc",
            limit=1,
        )
        self.assertIn("Closer", log.new_value)
        self.assertNotIn("Admin", log.new_value)
        # no link to a pending user holding any group Sam lacks
        pending = self.make_role_user("cum_team_raw_html", self.closer_role)
        pending.sudo()._crm_write_derived({"lifecycle_state": "invited"})
        pending.partner_id.sudo().signup_prepare(signup_type="signup")
        self.assertTrue(pending.with_user(self.sam).invite_url)
        sanitize = self.env.ref("base.group_sanitize_override")
        pending.sudo()._crm_write_derived({"groups_id": [Command.link(sanitize.id)]})
        pending.invalidate_recordset()
        self.assertFalse(pending.with_user(self.sam).invite_url)
        # the template's context key, sent by a client, changes nothing
        Wizard = self.env["crm.user.invite.wizard"].with_user(self.sam)
        plain = Wizard.create(
            {"line_ids": [Command.create({"email": "plain.tpl@example.com"})]}
        )
        plain.action_send()
        keyed = Wizard.with_context(crm_template_groups_change=True).create(
            {"line_ids": [Command.create({"email": "keyed.tpl@example.com"})]}
        )
        keyed.with_context(crm_template_groups_change=True).action_send()
        users = {
            u.login: u.groups_id
            for u in self.env["res.users"].search(
                [("login", "in", ["plain.tpl@example.com", "keyed.tpl@example.com"])]
            )
        }
        self.assertEqual(users["keyed.tpl@example.com"], users["plain.tpl@example.com"])
