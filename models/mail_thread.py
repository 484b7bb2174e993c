# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.osv import expression


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

    def _notify_by_email_prepare_rendering_context(self, message, *args, **kwargs):
        # one email goes to every recipient, whatever each may read: its
        # tracked links to restricted or trashed leads and contacts are named
        # neutrally (see mail.tracking.value)
        return super(
            MailThread, self.with_context(crm_mask_guarded_links=True)
        )._notify_by_email_prepare_rendering_context(message, *args, **kwargs)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # a notification email carries its author's name and address (sender,
        # reply-to, signature): users who may not read a restricted author get
        # the message in their Odoo inbox instead, where it is masked
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        # sudo: the author and whether it is restricted, to check only then
        author_id = (msg_vals or {}).get("author_id") or message.sudo().author_id.id
        author = self.env["res.partner"].sudo().browse(author_id)._crm_guarded()
        emailed_users = {
            data["uid"]
            for data in recipients
            if data["notif"] == "email" and data.get("uid") and not data["ushare"]
        }
        if not author or not emailed_users:
            return recipients
        # sudo: the recipients' users, each then checked with their own rights
        users = self.env["res.users"].sudo().browse(emailed_users)
        blind = {
            user.id for user in users if not author.with_user(user).has_access("read")
        }
        for data in recipients:
            if data["notif"] == "email" and data.get("uid") in blind:
                data["notif"] = "inbox"
        return recipients

    def _search_message_partner_ids(self, operator, operand):
        """Stock matches followers by name under sudo: a search by a hidden
        contact's name would tell which records it follows. Names match the
        contacts the user may read."""
        names = [operand] if isinstance(operand, str) else []
        if isinstance(operand, (list, tuple)):
            names = [value for value in operand if isinstance(value, str)]
        if self.env.su or not names:
            return super()._search_message_partner_ids(operator, operand)
        if not isinstance(operand, str):
            # names in a list match exactly, ids stay ids
            ids = [value for value in operand if not isinstance(value, str)]
            partners = self.env["res.partner"].with_context(active_test=False)
            found = partners.search([("display_name", "in", names)]).ids
            return super()._search_message_partner_ids(operator, ids + found)
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if negative:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            ._search([("display_name", operator, operand)])
        )
        return super()._search_message_partner_ids(
            "not in" if negative else "in", partners
        )
