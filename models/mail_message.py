# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .crm_partner_mirror import export_masked


class MailMessage(models.Model):
    _name = "mail.message"
    _inherit = ("mail.message", "crm.hidden.document.mixin")
    _crm_document_fields = ("model", "res_id")

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A message is named after its document (record_name): messages of
        documents hidden from the user are named neutrally where Odoo names
        them under sudo (many2one values, such as a notification's)."""
        res = super()._compute_display_name()
        for message in self._crm_hidden_from_real_user():
            message.display_name = _("Restricted document")
        return res

    @api.model
    def _get_record_name(self, values):
        # stock means it "as superuser" but runs it under sudo with the
        # poster's uid, which names hidden documents neutrally: the stored
        # name is shown to the message's readers, who may read its document
        return super(
            MailMessage, self.with_env(self.env(user=SUPERUSER_ID, su=True))
        )._get_record_name(values)

    @api.model_create_multi
    def create(self, vals_list):
        """A reply to a message one cannot read would tell it exists (its
        parent then shows, neutrally named)."""
        if not self.env.su:
            parents = self.browse(
                {vals["parent_id"] for vals in vals_list if vals.get("parent_id")}
            )
            if parents - parents._filtered_access("read"):
                raise AccessError(_("You cannot reply to a message you cannot see."))
        return super().create(vals_list)

    def _crm_authors_hidden(self):
        """The messages of ``self`` whose author the user may not read."""
        # sudo: the authors, only to check them against the user's access
        messages = self.sudo()
        authors = messages.author_id._crm_hidden_from_reader()
        if not authors:
            return self.browse()
        return messages.filtered(lambda m: m.author_id in authors).with_env(self.env)

    def _author_to_store(self, store):
        """The sender address of a message by a hidden contact names it."""
        res = super()._author_to_store(store)
        for message in self._crm_authors_hidden():
            store.add(message, {"email_from": False})
        return res

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        masked = {"email_from", "reply_to", "author_avatar"} & set(fnames)
        if masked and result:
            hidden = set(self._crm_authors_hidden().ids)
            for values in result:
                if values["id"] in hidden:
                    values.update(dict.fromkeys(masked, False))
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        hidden = self.browse() if self.env.su else self._crm_authors_hidden()
        return export_masked(
            self,
            hidden,
            dict.fromkeys(("email_from", "reply_to", "author_avatar"), False),
            super()._export_rows.__func__,
            fields,
            _is_toplevel_call,
        )
