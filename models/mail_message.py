# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    _name = "mail.message"
    _inherit = (
        "mail.message",
        "crm.hidden.document.mixin",
        "crm.partner.mirror.mixin",
    )
    _crm_document_fields = ("model", "res_id")
    # a message carries its author's address and avatar
    _crm_mirrored_partner_field = "author_id"
    _crm_mirror_named_after_partner = False

    def _crm_mirror_masks(self):
        return dict.fromkeys(("email_from", "reply_to", "author_avatar"), False)

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

    def _author_to_store(self, store):
        """The sender address of a message by a hidden contact names it."""
        res = super()._author_to_store(store)
        for message in self._crm_mirroring_hidden():
            store.add(message, {"email_from": False})
        return res
