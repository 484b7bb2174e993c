# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.crm_user_management.models.crm_constants import PARAM_SEAT_LIMIT

# every action on every entity, scope all
ALL_SCOPES = {
    (entity, action): "all"
    for entity in ("lead", "deal", "contact", "company", "activity")
    for action in ("view", "create", "edit", "delete")
}


class CrmUserManagementCase:
    """Users shared by the tests: a user manager and a plain salesman."""

    @classmethod
    def _crm_setup_users(cls):
        # demo data sets a seat limit: tests start unlimited and set their own
        cls.env["ir.config_parameter"].sudo().set_param(PARAM_SEAT_LIMIT, 0)
        cls.user_manager = new_test_user(
            cls.env,
            login="cum_manager",
            email="cum.manager@example.com",
            groups="base.group_user,base.group_erp_manager,base.group_partner_manager",
            name="Uma Manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="cum_salesman",
            email="cum.salesman@example.com",
            groups="base.group_user,sales_team.group_sale_salesman",
            name="Sal Salesman",
        )

    @contextlib.contextmanager
    def assertRaisesText(self, exception, pattern):
        """Odoo's assertRaises (rolls back to a savepoint), then check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    @classmethod
    def make_role(cls, name, scopes=None, **extras):
        """A role with ``scopes`` ({(entity, action): scope}) and extra rights."""
        role = cls.env["res.groups"].create({"name": name, "is_role": True, **extras})
        for (entity, action), scope in (scopes or {}).items():
            role.set_role_permission(entity, action, scope)
        return role

    @classmethod
    def make_role_user(cls, login, *roles, name=None):
        """An internal user ``login`` (email ``<login>@example.com``) with ``roles``."""
        user = new_test_user(
            cls.env,
            login=login,
            email=f"{login}@example.com",
            groups="base.group_user",
            name=name or login,
        )
        user.write({"groups_id": [Command.link(role.id) for role in roles]})
        return user

    @classmethod
    def make_visibility_group(cls, name, users=None):
        """A visibility group ``name`` whose members are ``users``."""
        vals = {"name": name, "is_visibility_group": True}
        if users:
            vals["users"] = [Command.set(users.ids)]
        return cls.env["res.groups"].create(vals)

    def give_new_users(self, groups):
        """New users get ``groups`` too: Settings' default access rights, from
        the template user (base_setup)."""
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        self.env.ref("base.default_user").groups_id = [
            Command.link(group.id) for group in groups
        ]

    def set_seat_limit(self, limit):
        self.env["ir.config_parameter"].sudo().set_param(PARAM_SEAT_LIMIT, limit)

    def used_seats(self):
        return self.env["res.users"]._crm_count_seats()[0]

    def invite(self, email, **vals):
        return self.env["res.users"].create(
            dict({"name": email.split("@")[0], "login": email, "email": email}, **vals)
        )

    def mails_to(self, email):
        return (
            self.env["mail.mail"].sudo().search([("email_to", "ilike", f"<{email}>")])
        )


class CrmUserManagementCommon(CrmUserManagementCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._crm_setup_users()
