# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The CRM access switch, and what keeps personal groups their users' alone
on the user side (creation, copies, writes, role changes)."""

from odoo import Command, api, models
from odoo.exceptions import UserError

from .crm_constants import changes_memberships


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("crm_personal_group_id" in v for v in vals_list):
            raise self.env["res.groups"]._crm_personal_refusal()
        users = super().create(vals_list)
        if not self.env.su:
            # a new user (or a copy) holds no one's personal group
            self.env["res.groups"]._crm_check_personal_groups_held()
        off = users.filtered(lambda u: not u.crm_access)
        if off:
            off._crm_check_access_always_on()
            with self._crm_tailoring() as touch:
                touch(off)
        return users

    def copy_data(self, default=None):
        """A copy holds no personal group: it is its user's alone."""
        vals_list = super().copy_data(default=default)
        for user, vals in zip(self, vals_list, strict=True):
            # sudo: the user's own personal group, left out of the copy
            personal = user.sudo().groups_id.filtered("crm_personal_user_id")
            if (
                personal
                and "groups_id" in vals
                and not (default or {}).get("groups_id")
            ):
                vals["groups_id"] = [
                    Command.set((user.sudo().groups_id - personal).ids)
                ]
        return vals_list

    def write(self, vals):
        if "crm_personal_group_id" in vals and not self.env.su:
            raise self.env["res.groups"]._crm_personal_refusal()
        # the switch is written apart, by who may tailor these users
        rest = {key: value for key, value in vals.items() if key != "crm_access"}
        res = super().write(rest) if rest or not vals else True
        if "crm_access" in vals:
            self._crm_set_crm_access(bool(vals["crm_access"]))
        if changes_memberships(vals) and not self.env.su:
            self.env["res.groups"]._crm_check_personal_groups_held()
        return res

    def _crm_set_crm_access(self, access):
        """Switch these users' CRM access on or off, by who manages them."""
        changing = self.filtered(lambda u: u.crm_access != access)
        if not changing:
            return True
        targets = changing._crm_check_can_tailor()
        with self._crm_tailoring() as touch:
            touch(targets)
            # checked above: Odoo's write of the switch alone
            targets._crm_write_derived({"crm_access": access})
        return True

    def _crm_after_role_change(self, before, sync_stock_groups=True):
        """A tailored user's personal rights follow their roles (the cells
        not adjusted); whoever becomes Owner or Admin has CRM access."""
        res = super()._crm_after_role_change(before, sync_stock_groups)
        protected = self.env["res.groups"]._crm_protected_roles()
        # sudo: the users' own switch and roles, after a checked role change
        users = self.sudo()
        promoted = users.filtered(
            lambda u: not u.crm_access and protected & u.groups_id
        )
        if promoted:
            with self._crm_tailoring() as touch:
                touch(promoted)
                promoted._crm_write_derived({"crm_access": True})
        tailored = users.filtered(lambda u: u.crm_personal_group_id)
        if tailored:
            tailored._crm_sync_personal_groups()
            self.env["res.groups"]._crm_compile_roles()
        return res

    def _crm_check_access_always_on(self):
        protected = self.env["res.groups"]._crm_protected_roles()
        # sudo: the users' membership of the Owner and Admin roles
        off = self.sudo().filtered(
            lambda u: not u.crm_access and protected & u.groups_id
        )
        if off:
            raise UserError(
                self.env._(
                    "The Owner and Admins always have CRM access (%(users)s).",
                    users=", ".join(off.mapped("name")),
                )
            )
