# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailFollowers(models.Model):
    _name = "mail.followers"
    _inherit = ("mail.followers", "crm.hidden.document.mixin")
