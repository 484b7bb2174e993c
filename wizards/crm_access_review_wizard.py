# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmAccessReviewWizard(models.TransientModel):
    """Settings > Users & Companies > Access Review: download the report."""

    _name = "crm.access.review.wizard"
    _description = "Access review"

    user_count = fields.Integer(readonly=True)

    @api.model
    def default_get(self, fields_list):
        self.env["res.users"]._crm_check_can_review_access()
        values = super().default_get(fields_list)
        values["user_count"] = len(self.env["crm.access.explainer"]._askable_users())
        return values

    def action_download_csv(self):
        return self._crm_download("csv")

    def action_download_xlsx(self):
        return self._crm_download("xlsx")

    def _crm_download(self, fmt):
        return {
            "type": "ir.actions.act_url",
            "url": f"/crm_user_management/access_review/{fmt}",
            "target": "download",
        }
