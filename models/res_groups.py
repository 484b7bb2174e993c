# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        # adding users to a group (or implying base.group_user) may turn portal
        # users internal: they take seats
        if "users" in vals or "implied_ids" in vals:
            with self.env["res.users"]._crm_seat_guard():
                return super().write(vals)
        return super().write(vals)
