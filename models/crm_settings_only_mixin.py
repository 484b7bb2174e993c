# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Odoo's models that Access Rights (base.group_erp_manager) may change in
# stock, and through which it can run code (computed custom fields) or give
# itself anything (access rights, record rules, re-pointed XML ids)
SETTINGS_ONLY_MODELS = (
    "ir.model",
    "ir.model.access",
    "ir.model.constraint",
    "ir.model.data",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.relation",
    "ir.rule",
)


class CrmSettingsOnlyMixin(models.AbstractModel):
    """Changes only Settings (``base.group_system``) makes: the Admins hold
    Access Rights, which in stock Odoo also edits the data model, access
    rights, record rules and XML ids, each a way to Settings and to the
    superuser. Code changes them under ``sudo()`` after its own checks."""

    _name = "crm.settings.only.mixin"
    _description = "Changed by Settings only"

    def _crm_check_settings_only(self):
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        raise AccessError(
            _(
                "Only Settings (the Owner) changes %(what)s: Access Rights "
                "manage users, groups and roles, not Odoo's data model, access "
                "rights, record rules or external identifiers.",
                what=self._description,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_settings_only()
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_settings_only()
        return super().write(vals)

    def unlink(self):
        self._crm_check_settings_only()
        return super().unlink()
