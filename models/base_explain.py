# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def _crm_explainable(self):
        """``self`` (one record the current user reads), under sudo for the
        explainer, which reads what decides for other users."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the record is one the current user reads (checked above)
        return self.sudo()

    def crm_explain_access(self, user_id):
        """Why ``user_id`` may or may not read, edit and delete this record:
        ``{"read", "write", "unlink", "reasons": [{"code", "detail"}]}``."""
        user = self.env["res.users"].browse(user_id).exists()
        if not user:
            raise UserError(_("There is no such user."))
        explainer = self.env["crm.access.explainer"]
        explainer._check_may_ask(user)
        # sudo: the asker may ask about this user (checked above)
        return explainer._explain(self._crm_explainable(), user.sudo())

    def crm_access_list(self):
        """Who can read this record, among the users one may ask about."""
        return self.env["crm.access.explainer"]._access_list(self._crm_explainable())

    def action_crm_who_can_see(self):
        """The "Who can see this?" dialog of this record."""
        return self.env["crm.access.explain.wizard"]._crm_open_for(self)
