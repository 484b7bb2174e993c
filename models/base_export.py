# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export):
        """A user whose export right was taken away personally exports
        nothing, though a role of theirs gives the export feature (a role
        holder always holds what their roles imply)."""
        user = self.env.user
        if (
            not self.env.su
            and user._crm_is_tailored()
            and not user._crm_extras()["role_can_export"]
        ):
            raise UserError(
                self.env._(
                    "Your export right was taken away: ask who manages your access."
                )
            )
        return super().export_data(fields_to_export)
