# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmUserInviteWizardLine(models.TransientModel):
    _name = "crm.user.invite.wizard.line"
    _description = "User to invite"

    wizard_id = fields.Many2one(
        "crm.user.invite.wizard", required=True, ondelete="cascade"
    )
    email = fields.Char(required=True)
    name = fields.Char(help="Defaults to the part of the email before the @.")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    role_id = fields.Many2one(
        "res.groups",
        domain=[("is_role", "=", True)],
        help="Leave empty for the default role.",
    )
    problem = fields.Char(compute="_compute_problem")

    @api.depends("email", "wizard_id.line_ids.email")
    def _compute_problem(self):
        for wizard in self.wizard_id:
            problems = wizard._crm_line_problems()
            for line in self.filtered(lambda li, w=wizard: li.wizard_id == w):
                line.problem = problems.get(line, False)
        self.filtered(lambda li: not li.wizard_id).problem = False
