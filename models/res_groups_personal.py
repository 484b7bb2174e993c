# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal groups: the one source of a tailored user's CRM rights, which
the compiler treats as a role of that user alone (res_users_personal)."""

from odoo import api, fields, models
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

    @api.model
    def get_application_groups(self, domain):
        """Personal groups are no checkbox of the user form (one per tailored
        user would bloat it): only their adjustments change them."""
        return super().get_application_groups(
            [*domain, ("crm_personal_user_id", "=", False)]
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
            raise self._crm_personal_refusal()
        groups = super().create(vals_list)
        if not self.env.su and any(
            "implied_ids" in v or "users" in v for v in vals_list
        ):
            self._crm_check_personal_groups_held()
        return groups

    def write(self, vals):
        if not self.env.su and (
            self.filtered("crm_personal_user_id") or "crm_personal_user_id" in vals
        ):
            raise self._crm_personal_refusal()
        res = super().write(vals)
        if not self.env.su and {"implied_ids", "users"} & set(vals):
            self._crm_check_personal_groups_held()
        return res

    def unlink(self):
        personal = self.filtered("crm_personal_user_id")
        if personal and not self.env.su:
            # it would take its user's narrowing (or CRM access off) with it
            raise self._crm_personal_refusal()
        # sudo: the compiled rights and rules of personal groups going with
        # their adjustments; recompiled by the caller
        personal.sudo().model_access.filtered("crm_generated").unlink()
        personal.sudo().rule_groups.filtered("crm_generated").unlink()
        return super().unlink()

    def _crm_personal_refusal(self):
        return AccessError(
            self.env._("A personal access group follows its user's adjustments only.")
        )

    @api.model
    def _crm_check_personal_groups_held(self):
        """A personal group is held by its user alone, and implied by no
        other group (it would hand what it implies to their members)."""
        # sudo: every personal group, to check who holds or implies it
        personal = (
            self.sudo()
            .with_context(active_test=False)
            .search([("crm_personal_user_id", "!=", False)])
        )
        if not personal:
            return
        misused = personal.filtered(
            lambda g: g.with_context(active_test=False).users - g.crm_personal_user_id
        )
        implying = self.sudo().search([("implied_ids", "in", personal.ids)])
        if misused or implying:
            raise AccessError(
                self.env._(
                    "A personal access group is held by its user alone and "
                    "implied by no other group."
                )
            )
