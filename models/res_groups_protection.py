# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Memberships changed from the groups' side: seats and the Owner/Admin roles.

This class wraps the others of ``res.groups`` (imported after them), so that
its guards surround everything a change does, the rule compilation included.
"""

from odoo import api, models

# res.groups values that link access rights, record rules, menus and views
# to a group (relations Odoo writes without the ir.rule / ir.ui.* checks):
# Settings only, as those models themselves
SETTINGS_ONLY_KEYS = frozenset(
    {"model_access", "rule_groups", "menu_access", "view_access"}
)
# res.groups values that can change who is a member of which group
MEMBERSHIP_KEYS = frozenset({"users", "implied_ids", "is_role", "role_permission_ids"})


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _crm_check_settings_only_keys(self, vals_list):
        if any(SETTINGS_ONLY_KEYS & set(vals) for vals in vals_list):
            self.env["ir.rule"]._crm_check_settings_only()

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_settings_only_keys(vals_list)
        users = self.env["res.users"]
        with users._crm_seat_guard(), users._crm_guard_privileged_roles():
            groups = super().create(vals_list)
            groups._crm_refresh_user_types()
        return groups

    def write(self, vals):
        self._crm_check_settings_only_keys([vals])
        if not MEMBERSHIP_KEYS & set(vals):
            return super().write(vals)
        users = self.env["res.users"]
        # sudo: the members before, to check those who leave
        members = self.sudo().with_context(active_test=False).users
        with users._crm_seat_guard(), users._crm_guard_privileged_roles():
            res = super().write(vals)
            self._crm_refresh_user_types()
        left = members - self.sudo().with_context(active_test=False).users
        left.with_env(self.env)._crm_check_role_implications()
        return res

    def _crm_refresh_user_types(self):
        """Stock adds implied groups to the members with SQL, leaving the
        cached memberships and the stored user type (``share``) stale: a user
        who became internal that way is internal from here on."""
        if not self:
            return
        self.env["res.users"].invalidate_model(["groups_id"])
        self.invalidate_model(["users"])
        # sudo: recomputing the user type of the members, nothing else
        self.sudo().with_context(active_test=False).users.modified(["groups_id"])
