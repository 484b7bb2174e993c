# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models


class MailMessage(models.Model):
    _name = "mail.message"
    _inherit = ("mail.message", "crm.hidden.document.mixin")
    _crm_document_fields = ("model", "res_id")

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A message is named after its document (record_name): messages of
        documents hidden from the user are named neutrally where Odoo names
        them under sudo (many2one values, such as a notification's)."""
        res = super()._compute_display_name()
        for message in self._crm_hidden_from_real_user():
            message.display_name = _("Restricted document")
        return res

    @api.model
    def _get_record_name(self, values):
        # stock means it "as superuser" but runs it under sudo with the
        # poster's uid, which names hidden documents neutrally: the stored
        # name is shown to the message's readers, who may read its document
        return super(
            MailMessage, self.with_env(self.env(user=SUPERUSER_ID, su=True))
        )._get_record_name(values)
