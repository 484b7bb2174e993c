# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models

from .crm_visibility_mixin import VISIBILITY_MODELS

# the documents whose access a move of a file onto them by id alone checks
CHECKED_MODELS = (*VISIBILITY_MODELS, "mail.message")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        """Stock checks the new document of an attachment only when its model
        is written too: moving a file onto a lead or contact by its id alone
        needs the same access to that document (a message's: to the message,
        and so to the document it is on)."""
        if not self.env.su and ("res_id" in vals or "res_model" in vals):
            targets = defaultdict(set)
            # sudo: the current documents, which the write may keep; only read
            # to check the new ones against the user's access
            for attachment in self.sudo():
                model = vals.get("res_model", attachment.res_model)
                res_id = vals.get("res_id", attachment.res_id)
                if model in CHECKED_MODELS and res_id:
                    targets[model].add(res_id)
            for model, ids in targets.items():
                self.env[model].browse(ids).check_access("write")
        return super().write(vals)
