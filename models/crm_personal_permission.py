# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One user's adjustments: a cell of the matrix, or an extra right, set for
that user in place of what their roles give (res_users_personal applies
them)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_access_compiler import ACTIONS, SCOPES
from .crm_constants import ROLE_EXTRAS


class CrmPersonalAdjustment(models.AbstractModel):
    """What both kinds of adjustment share: one user, checked and compiled
    on every change, logged."""

    _name = "crm.personal.adjustment"
    _description = "CRM Personal Adjustment"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", index=True, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = self.env["res.users"].browse([v.get("user_id") for v in vals_list])
        if not self.env.su:
            users._crm_check_can_tailor()
        with users._crm_tailoring() as touch:
            touch(users.exists())
            return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals and not self.env.su:
            raise UserError(self.env._("An adjustment belongs to one user for good."))
        if not self.env.su:
            self.user_id._crm_check_can_tailor()
        with self.user_id._crm_tailoring() as touch:
            touch(self.user_id)
            return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.user_id._crm_check_can_tailor()
        with self.user_id._crm_tailoring() as touch:
            touch(self.user_id)
            return super().unlink()


class CrmPersonalPermission(models.Model):
    """The scope of one action on one entity, for one user."""

    _name = "crm.personal.permission"
    _inherit = "crm.personal.adjustment"
    _description = "CRM Personal Permission"
    _order = "user_id, entity, action"

    entity = fields.Selection(selection="_selection_entity", required=True)
    action = fields.Selection([(a, a.capitalize()) for a in ACTIONS], required=True)
    scope = fields.Selection(SCOPES, required=True, default="none")

    _sql_constraints = (
        (
            "cell_unique",
            "UNIQUE(user_id, entity, action)",
            "A user has one adjustment per entity and action.",
        ),
    )

    @api.model
    def _selection_entity(self):
        return self.env["crm.role.entity"]._crm_selection()


class CrmPersonalExtra(models.Model):
    """One extra right given or taken, for one user."""

    _name = "crm.personal.extra"
    _inherit = "crm.personal.adjustment"
    _description = "CRM Personal Extra Right"
    _order = "user_id, extra"

    extra = fields.Selection(selection="_selection_extra", required=True)
    value = fields.Boolean(string="Allowed")

    _sql_constraints = (
        (
            "extra_unique",
            "UNIQUE(user_id, extra)",
            "A user has one adjustment per extra right.",
        ),
    )

    @api.model
    def _selection_extra(self):
        fields_ = self.env["res.groups"]._fields
        return [(key, fields_[key].string) for key in ROLE_EXTRAS]
