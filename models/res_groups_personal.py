# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal groups: the one source of a tailored user's CRM rights, which
the compiler treats as a role of that user alone (res_users_personal)."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .crm_constants import ROLE_EXTRAS

# what only the addon changes on a personal group
PERSONAL_KEYS = {"users", "implied_ids", "crm_personal_user_id", "is_role"}


class ResGroups(models.Model):
    _inherit = "res.groups"

    crm_personal_user_id = fields.Many2one(
        "res.users",
        string="Personal Group Of",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The tailored user whose rights this group holds.",
    )

    def _crm_scopes(self):
        """A personal group's matrix is its user's, adjustments in place."""
        if self.crm_personal_user_id:
            return self.crm_personal_user_id._crm_personal_scopes(False)
        return super()._crm_scopes()

    def _crm_effective_scopes(self, contacts_public):
        if self.crm_personal_user_id:
            return self.crm_personal_user_id._crm_personal_scopes(contacts_public)
        return super()._crm_effective_scopes(contacts_public)

    def _crm_extra_values(self):
        """{extra right: bool} this group gives."""
        self.ensure_one()
        if self.crm_personal_user_id:
            return self.crm_personal_user_id._crm_extras()
        return {key: self[key] for key in ROLE_EXTRAS}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(v.get("crm_personal_user_id") for v in vals_list):
            raise AccessError(
                _("A personal access group follows its user's adjustments only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and PERSONAL_KEYS & set(vals)
            and (
                self.filtered("crm_personal_user_id")
                or vals.get("crm_personal_user_id")
            )
        ):
            raise AccessError(
                _("A personal access group follows its user's adjustments only.")
            )
        return super().write(vals)

    def unlink(self):
        personal = self.filtered("crm_personal_user_id")
        # sudo: the compiled rights and rules of personal groups going with
        # their adjustments; recompiled by the caller
        personal.sudo().model_access.filtered("crm_generated").unlink()
        personal.sudo().rule_groups.filtered("crm_generated").unlink()
        return super().unlink()
