# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """crm copies a lead's customer data (name, email, phone, address...) into
    the lead with stored computes, which run as superuser and follow every
    later change of the customer: a restricted customer's data only goes
    into leads that nobody else reads."""

    _inherit = "crm.lead"

    def _crm_partner_data_flows(self):
        """The leads of ``self`` that may receive their customer's data: the
        customer is visible to everyone, or every reader of the lead reads it
        (its salesperson, and the members of its groups)."""
        # sudo: the customers' visibility and the leads' readers, to decide
        leads = self.sudo()
        guarded = leads.partner_id._crm_guarded()
        flows = leads.filtered(lambda lead: lead.partner_id not in guarded)
        readers_of = {}
        customers_of = defaultdict(lambda: self.env["res.partner"].sudo())
        for lead in leads - flows:
            if lead.visibility == "everyone" or not lead.user_id:
                continue
            readers = lead.user_id
            if lead.visibility == "groups":
                readers |= lead.visibility_group_ids.users
            readers_of[lead] = readers.filtered(lambda u: not u.share)
            for reader in readers_of[lead]:
                customers_of[reader] |= lead.partner_id
        # one access check per reader, over all the customers they would read
        readable = {
            reader: set(customers.with_user(reader)._filtered_access("read").ids)
            for reader, customers in customers_of.items()
        }
        for lead, readers in readers_of.items():
            if all(lead.partner_id.id in readable[reader] for reader in readers):
                flows |= lead
        return flows.with_env(self.env)

    def write(self, vals):
        """A lead holding a restricted customer's data does not become visible
        to people who cannot read that customer (its data would go with it);
        the Owner and Admins decide otherwise."""
        res = super().write(vals)
        readers_change = {"visibility", "visibility_group_ids", "user_id"} & set(vals)
        if readers_change and not (self.env.su or self.env.user._crm_sees_everything()):
            # sudo: which leads have a restricted customer, only to decide
            leads_sudo = self.sudo()
            guarded = leads_sudo.partner_id._crm_guarded()
            leads = leads_sudo.filtered(lambda lead: lead.partner_id in guarded)
            leads = leads.with_env(self.env)
            wider = leads - leads._crm_partner_data_flows()
            if wider:
                raise UserError(
                    _(
                        "The customer of %(lead)s is not visible to everyone: the "
                        "lead cannot be shown to people who cannot see it. Ask the "
                        "Owner or an Admin.",
                        lead=wider[0].display_name,
                    )
                )
        return res

    def _compute_name(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_name()

    def _compute_contact_name(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_contact_name()

    def _compute_partner_name(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_partner_name()

    def _compute_function(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_function()

    def _compute_title(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_title()

    def _compute_mobile(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_mobile()

    def _compute_website(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_website()

    def _compute_lang_id(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_lang_id()

    def _compute_partner_address_values(self):
        return super(
            CrmLead, self._crm_partner_data_flows()
        )._compute_partner_address_values()

    def _compute_email_from(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_email_from()

    def _compute_phone(self):
        return super(CrmLead, self._crm_partner_data_flows())._compute_phone()

    def _get_partner_email_update(self, force_void=True):
        """crm proposes (and its inverse makes) a lead's email the customer's:
        not for a customer the user may not read (reading it would fail, and
        editing the lead's email with it)."""
        if self.partner_id._crm_hidden_from_reader():
            return False
        return super()._get_partner_email_update(force_void=force_void)

    def _get_partner_phone_update(self, force_void=True):
        """The same for the phone."""
        if self.partner_id._crm_hidden_from_reader():
            return False
        return super()._get_partner_phone_update(force_void=force_void)
