# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ("mail.activity", "crm.hidden.document.mixin")
