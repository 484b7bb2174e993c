# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrRule(models.Model):
    _name = "ir.rule"
    _inherit = ("ir.rule", "crm.compiled.mixin", "crm.settings.only.mixin")
