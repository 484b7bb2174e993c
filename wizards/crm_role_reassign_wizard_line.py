# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRoleReassignWizardLine(models.TransientModel):
    _name = "crm.role.reassign.wizard.line"
    _description = "User to Move to Another Role"

    wizard_id = fields.Many2one(
        "crm.role.reassign.wizard", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    sale_team_id = fields.Many2one(related="user_id.sale_team_id")
    target_role_id = fields.Many2one(
        "res.groups",
        string="Move To",
        domain="[('id', 'in', parent.allowed_target_ids)]",
        help="Leave empty to use the role chosen for everyone.",
    )
