# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import AccessError

from .crm_constants import changes_memberships


class ResUsers(models.Model):
    """Users and the visibility of CRM records: their contacts are public,
    their visibility groups are given by the Owner and Admins only."""

    _inherit = "res.users"

    crm_visibility_group_ids = fields.Many2many(
        "res.groups",
        string="Visibility Groups",
        compute="_compute_crm_visibility_group_ids",
        inverse="_inverse_crm_visibility_group_ids",
        domain=[("is_visibility_group", "=", True)],
        help="The user sees the records visible to these groups. Given by the "
        "Owner and Admins.",
    )

    @api.depends("groups_id")
    def _compute_crm_visibility_group_ids(self):
        for user in self:
            user.crm_visibility_group_ids = user.groups_id.filtered(
                "is_visibility_group"
            )

    def _inverse_crm_visibility_group_ids(self):
        # only visibility groups: other groups are given on the Access Rights
        for user in self:
            current = user.groups_id.filtered("is_visibility_group")
            wanted = user.crm_visibility_group_ids.filtered("is_visibility_group")
            if wanted != current:
                # the membership guard of write() checks who may change them
                user.write(
                    {
                        "groups_id": [Command.unlink(g.id) for g in current - wanted]
                        + [Command.link(g.id) for g in wanted - current]
                    }
                )
        # what was written that is no visibility group shows no more
        self.invalidate_recordset(["crm_visibility_group_ids"])

    def _crm_visibility_groups_by_user(self):
        """{user id: frozenset of the ids of their visibility groups}: only the
        Owner and Admins change these memberships, from either side."""
        # sudo: reading memberships, to check who changes them
        return {
            user.id: frozenset(user.groups_id.filtered("is_visibility_group").ids)
            for user in self.sudo()
        }

    @api.model_create_multi
    def create(self, vals_list):
        # the contacts created for new users are visible to everyone
        users = super(ResUsers, self.with_context(crm_visibility_public=True)).create(
            vals_list
        )
        users = users.with_env(self.env)
        users._crm_check_partners_may_become_users()
        visibility = users._crm_visibility_groups_by_user()
        if any(visibility.values()):
            # those beyond what every new user gets from the template user
            defaults = frozenset(self._default_groups().ids)
            if any(groups - defaults for groups in visibility.values()):
                self.env["res.groups"]._crm_check_can_manage_visibility_groups()
        # existing partners that became a user's
        users.partner_id._crm_make_public()
        return users

    def write(self, vals):
        if not changes_memberships(vals):
            return super().write(vals)
        before = self._crm_visibility_groups_by_user()
        res = super().write(vals)
        if before != self._crm_visibility_groups_by_user():
            self.env["res.groups"]._crm_check_can_manage_visibility_groups()
        return res

    def _crm_check_partners_may_become_users(self):
        """A restricted contact becomes a user's (and so visible to everyone)
        only by the Owner or an Admin: not through a signup, nor anyone else."""
        if self.env.uid == SUPERUSER_ID or self.env.user._crm_sees_everything():
            return
        # sudo: the visibility of the new users' partners, to protect it
        restricted = self.sudo().partner_id._crm_restricted()
        if restricted:
            raise AccessError(
                _(
                    "%(name)s is not visible to everyone: only the Owner and "
                    "Admins can make it a user's.",
                    name=restricted[0].display_name,
                )
            )
