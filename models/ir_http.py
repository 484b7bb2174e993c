# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client's delete dialogs say what a delete of a lead or
        contact does for this user: a move to the trash, for how long."""
        info = super().session_info()
        user = self.env.user
        if user._is_internal():
            info["crm_trash_days"] = (
                user.has_group("crm_user_management.group_crm_trash")
                and self.env["crm.trash.entry"]._crm_trash_days()
            )
        return info
