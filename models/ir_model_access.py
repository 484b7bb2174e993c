# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrModelAccess(models.Model):
    _name = "ir.model.access"
    _inherit = ("ir.model.access", "crm.compiled.mixin", "crm.settings.only.mixin")
