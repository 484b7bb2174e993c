# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCompiledMixin(models.AbstractModel):
    """Marks access records that the role compiler builds and rebuilds."""

    _name = "crm.compiled.mixin"
    _description = "Compiled from CRM Roles"

    crm_generated = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Compiled from the permission matrix of the CRM roles; "
        "rebuilt on every change of a role.",
    )
