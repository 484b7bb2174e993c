# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmAccessExplainWizard(models.TransientModel):
    """ "Who can see this?": the users who can read one record, and why."""

    _name = "crm.access.explain.wizard"
    _description = "Who can see this record"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    record_name = fields.Char(readonly=True)
    line_ids = fields.One2many(
        "crm.access.explain.wizard.line", "wizard_id", readonly=True
    )
    explain_user_id = fields.Many2one(
        "res.users",
        string="Why not…",
        domain=[("share", "=", False)],
        help="Any user you may ask about: can they open it, and why (not).",
    )
    explanation = fields.Text(compute="_compute_explanation")

    @api.depends("explain_user_id")
    def _compute_explanation(self):
        for wizard in self:
            user = wizard.explain_user_id
            if not user:
                wizard.explanation = False
                continue
            record = self.env[wizard.res_model].browse(wizard.res_id)
            try:
                answer = record.crm_explain_access(user.id)
            except (AccessError, UserError) as error:
                wizard.explanation = str(error)
                continue
            yes, no = _("yes"), _("no")
            wizard.explanation = "\n".join(
                [
                    _(
                        "Open: %(read)s. Edit: %(write)s. Delete: %(unlink)s.",
                        read=yes if answer["read"] else no,
                        write=yes if answer["write"] else no,
                        unlink=yes if answer["unlink"] else no,
                    ),
                    *(r["detail"] for r in answer["reasons"] if r["detail"]),
                ]
            )

    @api.model
    def _crm_open_for(self, record):
        """The dialog listing who can read ``record`` (one the user reads)."""
        found = record.crm_access_list()
        wizard = self.create(
            {
                "res_model": record._name,
                "res_id": record.id,
                "record_name": record.display_name,
                "line_ids": [
                    fields.Command.create(
                        {
                            "user_id": line["user_id"],
                            "can_write": line["write"],
                            "can_unlink": line["unlink"],
                            "reasons": "\n".join(
                                r["detail"] for r in line["reasons"] if r["detail"]
                            ),
                        }
                    )
                    for line in found
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Who can see “%(name)s”?", name=record.display_name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class CrmAccessExplainWizardLine(models.TransientModel):
    _name = "crm.access.explain.wizard.line"
    _description = "Who can see this record: one user"
    _order = "user_name, id"

    wizard_id = fields.Many2one(
        "crm.access.explain.wizard", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", readonly=True)
    user_name = fields.Char(related="user_id.name", store=True)
    can_write = fields.Boolean(string="Can Edit", readonly=True)
    can_unlink = fields.Boolean(string="Can Delete", readonly=True)
    reasons = fields.Text(string="Why", readonly=True)
