# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _find_record_check_access(self, record, access_token, field):
        """mail serves the avatar (and, in its file name, the name) of any
        message author or channel member under sudo: not of a contact hidden
        from the user, who gets the placeholder."""
        # sudo(False): the user's own access decides, not mail's sudo (nor a
        # token: contacts have none)
        if (
            record._name == "res.partner"
            and record.sudo(False)._crm_hidden_from_reader()
        ):
            raise AccessError(self.env._("You cannot see this contact."))
        return super()._find_record_check_access(record, access_token, field)
