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
    crm_access = fields.Boolean(
        string="CRM Access",
        default=True,
        help="Off: the user gets no CRM right until switched on (the Owner "
        "and Admins always have it).",
    )
    role_id = fields.Many2one(
        "res.groups",
        # only helps the picker: the wizard checks each line's role itself
        # (see _crm_role_problems), whatever a client sends
        domain=lambda self: self._crm_role_domain(),
        help="Leave empty for the default role.",
    )
    source_line = fields.Char(
        string="Pasted text", help="The pasted line this user comes from."
    )
    source_line_number = fields.Integer(
        string="Pasted line", help="Its number in the pasted text."
    )
    problem = fields.Char(compute="_compute_problem")

    def _crm_role_domain(self):
        """The roles the inviter may give."""
        return [("id", "in", self.env["res.groups"]._crm_givable_roles().ids)]

    @api.depends("email", "name", "role_id", "source_line", "wizard_id.line_ids.email")
    def _compute_problem(self):
        for wizard in self.wizard_id:
            problems = wizard._crm_line_problems()
            for line in self.filtered(lambda li, w=wizard: li.wizard_id == w):
                # a line just added, still empty, waits for its address
                line.problem = bool(line.email) and problems.get(line, False)
        self.filtered(lambda li: not li.wizard_id).problem = False

    def _crm_source_problem(self):
        """Why the pasted line this line comes from cannot be read, while its
        address and name are still as read from it; False otherwise."""
        self.ensure_one()
        if not self.source_line:
            return False
        parsed = self.env["crm.user.invite.wizard"]._crm_parse_line(self.source_line)
        if not parsed or (parsed["email"], parsed["name"]) != (
            self.email,
            self.name or False,
        ):
            return False
        return parsed["problem"]
