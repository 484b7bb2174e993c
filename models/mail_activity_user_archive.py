# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def unlink(self):
        # stock mail's res.users.action_archive() deletes the activities of the
        # users archived; archiving keeps them (res.users.action_archive)
        kept_user_ids = self.env.context.get("crm_keep_activities_of")
        if not kept_user_ids:
            return super().unlink()
        # sudo: whom the activities are assigned to
        kept = self.sudo().filtered(lambda a: a.user_id.id in kept_user_ids)
        rest = self - kept.with_env(self.env)
        return super(MailActivity, rest).unlink() if rest else True
