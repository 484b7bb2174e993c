# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, models

# the fields that attach an activity to its document
DOCUMENT_FIELDS = ("res_model", "res_model_id", "res_id")


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ("mail.activity", "crm.hidden.document.mixin")

    def write(self, vals):
        # the document it is on: checked by write's access check (the mixin)
        res = super().write(vals)
        if not self.env.su and any(fname in vals for fname in DOCUMENT_FIELDS):
            # the document it moved to must take it as a new activity: the
            # check of stock's create (the document's _mail_post_access);
            # sudo: which activities still have a document (the database
            # refuses the others)
            moved = self.sudo().filtered(lambda a: a.res_model and a.res_id)
            moved.sudo(False).check_access("create")
        return res

    def _compute_res_name(self):
        # stored for the readers of the activity, who may read its document:
        # its real name, not the neutral one of a user storing it under sudo
        # (crm.visibility.mixin _crm_names_hidden_from_user)
        return super(
            MailActivity, self.with_env(self.env(user=SUPERUSER_ID, su=True))
        )._compute_res_name()
