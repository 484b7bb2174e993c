# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MailNotification(models.Model):
    """Mail lets internal users read every notification: those of messages on
    documents hidden from the user are hidden with them."""

    _name = "mail.notification"
    _inherit = ("mail.notification", "crm.hidden.document.mixin")
    _crm_document_fields = ("crm_document_model", "crm_document_res_id")

    crm_document_model = fields.Char(
        related="mail_message_id.model", string="Document Model"
    )
    crm_document_res_id = fields.Many2oneReference(
        related="mail_message_id.res_id",
        model_field="crm_document_model",
        string="Document ID",
    )

    def _filtered_for_web_client(self):
        """Stock reads each recipient's partner_share with the reader's rights:
        a recipient hidden from the reader would break the whole chatter. The
        filter runs under sudo; the recipients are masked where they are sent
        (res.partner ``_to_store``)."""
        # sudo: reading which recipients are portal/customers, to filter
        return (
            super(MailNotification, self.sudo())
            ._filtered_for_web_client()
            .with_env(self.env)
        )
