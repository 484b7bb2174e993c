# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class CrmVisibilityGroupDeleteWizard(models.TransientModel):
    """Confirms the deletion of visibility groups, saying beforehand what
    happens to the records they guard (seed 003)."""

    _name = "crm.visibility.group.delete.wizard"
    _description = "Delete Visibility Groups"

    group_ids = fields.Many2many(
        "res.groups",
        string="Groups",
        required=True,
        domain=[("is_visibility_group", "=", True)],
    )
    revert_count = fields.Integer(
        string="Records reverting to everyone", compute="_compute_counts"
    )
    keep_count = fields.Integer(
        string="Records keeping other groups", compute="_compute_counts"
    )
    member_count = fields.Integer(string="Members", compute="_compute_counts")

    @api.depends("group_ids")
    def _compute_counts(self):
        for wizard in self:
            reverting, keeping = wizard.group_ids._crm_visibility_fallback_counts()
            wizard.revert_count = sum(reverting.values())
            wizard.keep_count = keeping
            wizard.member_count = len(wizard.group_ids.users)

    def action_confirm(self):
        """Delete the groups; their records fall back as announced."""
        names = ", ".join(self.group_ids.mapped("name"))
        self.group_ids.unlink()
        return self.env["res.users"]._crm_notify(
            _(
                "%(groups)s deleted: the records only they guarded are visible to "
                "everyone.",
                groups=names,
            )
        )
