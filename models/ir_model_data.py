# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from ..hooks import crm_module_uninstalling

# the XML ids every protection finds the Owner and Admin roles by
PROTECTED_XMLIDS = ("role_owner", "role_admin")
MODULE = "crm_user_management"


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    def _crm_check_protected_xmlids(self, records):
        """The XML ids of the Owner and Admin roles move only with the module
        (install, update, uninstall: the superuser account or the uninstall):
        re-pointed, they would make any group the Owner role."""
        if self.env.uid == SUPERUSER_ID or crm_module_uninstalling(self.env):
            return
        # sudo: which XML ids these are, to protect them
        if records.sudo().filtered(
            lambda d: d.module == MODULE and d.name in PROTECTED_XMLIDS
        ):
            raise AccessError(
                _("The XML ids of the Owner and Admin roles cannot be changed.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.uid != SUPERUSER_ID and any(
            vals.get("module") == MODULE and vals.get("name") in PROTECTED_XMLIDS
            for vals in vals_list
        ):
            raise AccessError(
                _("The XML ids of the Owner and Admin roles cannot be changed.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_protected_xmlids(self)
        return super().write(vals)

    def unlink(self):
        self._crm_check_protected_xmlids(self)
        return super().unlink()
