# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class CrmLead2opportunityPartner(models.TransientModel):
    """Converting a lead links it to the customer chosen: one the user may
    read, or the one the lead already has."""

    _inherit = "crm.lead2opportunity.partner"

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_lead([vals.get("lead_id") for vals in vals_list])
        wizards = super().create(vals_list)
        wizards._crm_check_customer()
        return wizards

    def write(self, vals):
        self._crm_check_lead([vals.get("lead_id")])
        res = super().write(vals)
        if "partner_id" in vals:
            self._crm_check_customer()
        return res

    @api.model
    def _crm_check_lead(self, lead_ids):
        """The lead to convert is one the user may read: the wizard's fields
        are computed from it as superuser (its name, salesperson, customer)."""
        if not self.env.su:
            self.env["crm.lead"].browse([i for i in lead_ids if i]).check_access("read")

    def _crm_check_customer(self):
        # sudo: the customer the lead already has, which the conversion keeps
        kept = self.sudo().lead_id.partner_id
        self.env["res.partner"]._crm_check_links(
            {self._fields["partner_id"]: self.partner_id - kept}, guarded_only=True
        )
