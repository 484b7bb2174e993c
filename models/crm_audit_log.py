# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

AUDIT_EVENTS = [
    ("role", "Roles"),
    ("rights", "Rights"),
    ("membership", "Role membership"),
    ("lifecycle", "Lifecycle"),
    ("visibility", "Visibility"),
    ("trash", "Trash"),
]


class CrmAuditLog(models.Model):
    """Append-only log of changes to roles, rights, memberships and lifecycles."""

    _name = "crm.audit.log"
    _description = "CRM User Management Audit Log"
    _order = "id desc"
    _log_access = True

    author_id = fields.Many2one(
        "res.users", string="Changed By", readonly=True, index=True
    )
    event = fields.Selection(AUDIT_EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", readonly=True, index=True)
    group_id = fields.Many2one("res.groups", string="Role / Group", readonly=True)
    description = fields.Char(readonly=True)
    old_value = fields.Char(string="Old", readonly=True)
    new_value = fields.Char(string="New", readonly=True)

    @api.model
    def _crm_log(self, entries):
        """Append ``entries`` (dicts of field values); the author is the caller."""
        if not entries:
            return self.browse()
        author = self.env.user.id
        # sudo: only this method writes the log; no user has create access on it
        return self.sudo().create([dict(entry, author_id=author) for entry in entries])

    def write(self, vals):
        self._crm_check_superuser()
        return super().write(vals)

    def unlink(self):
        self._crm_check_superuser()
        return super().unlink()

    def _crm_check_superuser(self):
        # sudo() is not enough: only the superuser account itself may alter entries
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("The audit log is append-only."))
