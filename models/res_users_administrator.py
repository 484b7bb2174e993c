# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who is an administrator in Odoo's code sense (``env.is_admin()``)."""

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _is_admin(self):
        """Settings holders only, not Access Rights (stock's meaning).

        Stock lets an administrator render mail placeholders unrestricted
        (code run on the server), serve or bypass attachment checks and turn
        off anyone's two-factor login. The Admin role holds Access Rights to
        manage users, and must not run code: what code can do, only the Owner
        gives, as Settings.
        """
        self.ensure_one()
        # sudo: a membership test of the user being asked about, answered as
        # stock's own _is_admin() answers it
        return self._is_superuser() or self.sudo().has_group("base.group_system")
