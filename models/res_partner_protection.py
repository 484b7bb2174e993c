# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# the partner fields that identify its users
IDENTITY_FIELDS = frozenset({"email", "email_normalized"})


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        if IDENTITY_FIELDS & set(vals):
            # a user's email is their partner's (the mail gateway finds users
            # by its normalized form): the same holder-only rule as from the
            # user's side (res_users_protection)
            # sudo: which users these partners belong to, to protect them
            users = self.sudo().with_context(active_test=False).user_ids
            users.with_env(self.env)._crm_check_credentials_change({"email"})
        return super().write(vals)
