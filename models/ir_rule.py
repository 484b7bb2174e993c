# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    crm_generated = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Compiled from the permission matrix of the CRM roles; "
        "rebuilt on every change of a role.",
    )
