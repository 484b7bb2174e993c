# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        """The partner of a company of the database is visible to everyone."""
        companies = super(
            ResCompany, self.with_context(crm_visibility_public=True)
        ).create(vals_list)
        # an existing partner given to the new company
        companies.partner_id._crm_make_public()
        return companies.with_env(self.env)
