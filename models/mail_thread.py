# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_post(self, **kwargs):
        # a recipient is shown by name to the thread's readers and gets the
        # mail: never a contact the author cannot read (on any document)
        partner_ids = kwargs.get("partner_ids")
        if partner_ids and not self.env.su:
            recipients = self.env["res.partner"].browse(partner_ids)
            self.env["res.partner"]._crm_check_links(
                {self.env["mail.message"]._fields["partner_ids"]: recipients},
                guarded_only=True,
            )
        return super().message_post(**kwargs)
