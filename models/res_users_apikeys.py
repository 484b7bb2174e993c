# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        # stock only refuses archived users; a suspended user's keys stop too
        uid = super()._check_credentials(scope=scope, key=key)
        # sudo: reads only the status of the user the key just authenticated
        if (
            uid
            and self.env["res.users"].sudo().browse(uid).lifecycle_state == "suspended"
        ):
            return None
        return uid

    def _remove(self):
        # stock lets any Settings user remove anyone's keys: the Owner's and
        # Admins' keys are theirs to remove (res_users_protection)
        # sudo: whose keys these are
        self.sudo().user_id.with_env(self.env)._crm_check_credentials_change(
            {"api_key_ids"}
        )
        return super()._remove()
