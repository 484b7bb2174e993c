# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from xmlrpc.client import Fault

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CrmUserManagementCase


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
        with self.assertRaisesText(AccessError, "Only the Owner and Admins change"):
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
