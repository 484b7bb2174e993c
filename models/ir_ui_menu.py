# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _visible_menu_ids(self, debug=False):
        """No CRM app for a user whose CRM access is off: it would show only
        empty lists (the rules give them no CRM record)."""
        visible = super()._visible_menu_ids(debug)
        if self.env.su or self.env.user.crm_access:
            return visible
        root = self.env.ref("crm.crm_menu_root", raise_if_not_found=False)
        if not root:
            return visible
        # sudo: menu ids under the CRM root, to leave them out
        crm_menus = (
            self.sudo()
            .with_context(active_test=False, **{"ir.ui.menu.full_list": True})
            .search([("id", "child_of", root.id)])
        )
        return visible - set(crm_menus.ids)
