# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .crm_constants import EXTRA_RIGHT_WIZARDS


class IrActionsActions(models.Model):
    _inherit = "ir.actions.actions"

    @api.model
    def get_bindings(self, model_name):
        """The Action menu offers no wizard the user's roles do not allow
        (Merge to a role without *merge leads*); the wizards refuse anyway."""
        bindings = super().get_bindings(model_name)
        user = self.env.user
        if not user._crm_is_crm_role_holder():
            return bindings
        refused = {
            model
            for model, extra in EXTRA_RIGHT_WIZARDS.items()
            if not user._crm_has_extra(extra)
        }
        if not refused:
            return bindings
        # sudo: which actions open those wizards, among those super() offers
        refused_ids = set(
            self.env["ir.actions.act_window"]
            .sudo()
            .search([("res_model", "in", list(refused))])
            .ids
        )
        return {
            binding_type: kept
            for binding_type, actions in bindings.items()
            if (kept := [a for a in actions if a["id"] not in refused_ids])
        }


class IrActionsActWindow(models.Model):
    _inherit = "ir.actions.act_window"

    def _get_action_dict(self):
        """This addon's screens that are for some groups only (the Team
        screen) open only for them, by URL too: Odoo checks an action's
        groups for its menus and bindings, not when it is loaded."""
        # sudo: the action's own groups and xml id, to decide whether to load it
        action = self.sudo()
        if (
            action.groups_id
            and self.env.uid != SUPERUSER_ID
            and (action.xml_id or "").startswith("crm_user_management.")
            and not action.groups_id & self.env.user.groups_id
        ):
            raise AccessError(
                _(
                    "“%(name)s” is for user managers: the Owner, the Admins and "
                    "users whose role may manage users. Ask one of them.",
                    name=action.name,
                )
            )
        return super()._get_action_dict()
