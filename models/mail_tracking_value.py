# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models

from .crm_visibility_mixin import VISIBILITY_MODELS


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _tracking_value_format_model(self, model):
        """A tracked link stores the linked record's name as text, as its
        writer saw it: the chatter names leads and contacts hidden from the
        reader neutrally, a notification email those hidden from anyone."""
        formatted = super()._tracking_value_format_model(model)
        # sudo: which fields the values track, and the ids they hold
        trackings = {tracking.id: tracking for tracking in self.sudo()}
        linked = defaultdict(set)
        for tracking in trackings.values():
            if tracking.field_id.relation in VISIBILITY_MODELS:
                linked[tracking.field_id.relation] |= {
                    tracking.old_value_integer,
                    tracking.new_value_integer,
                } - {0}
        if not linked:
            return formatted
        if self.env.context.get("crm_mask_guarded_links"):
            # sudo: which linked records are restricted or trashed
            hidden = {
                relation: set(self.env[relation].sudo().browse(ids)._crm_guarded().ids)
                for relation, ids in linked.items()
            }
        else:
            hidden = {
                relation: set(
                    self.env[relation].browse(ids)._crm_hidden_from_reader().ids
                )
                for relation, ids in linked.items()
            }
        names = {
            "crm.lead": self.env._("Restricted lead"),
            "res.partner": self.env._("Restricted contact"),
        }
        for info in formatted:
            tracking = trackings[info["id"]]
            relation = tracking.field_id.relation
            for key, fname in (
                ("oldValue", "old_value_integer"),
                ("newValue", "new_value_integer"),
            ):
                if tracking[fname] in hidden.get(relation, ()):
                    info[key]["value"] = names[relation]
        return formatted
