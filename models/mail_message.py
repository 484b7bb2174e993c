# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailMessage(models.Model):
    _name = "mail.message"
    _inherit = ("mail.message", "crm.hidden.document.mixin")
    _crm_document_fields = ("model", "res_id")
