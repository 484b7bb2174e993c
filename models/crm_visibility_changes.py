# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import AccessError


class CrmVisibilityMixin(models.AbstractModel):
    """Who may change the visibility and the owner of a record (seed 003):
    owners widen their own records; the Owner and Admins do the rest."""

    _inherit = "crm.visibility.mixin"

    def _crm_check_visibility_change(self, vals):
        """Owners may widen their own records; only Owner/Admins narrow a record
        or change the visibility of records they do not own."""
        if self.env.su or self.env.user._crm_sees_everything():
            return
        field = self._fields["visibility_group_ids"]
        for record in self:
            if record.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only the Owner and Admins can change the visibility of "
                        "%(name)s: you do not own it.",
                        name=record.display_name,
                    )
                )
            old = record.visibility
            new = vals.get("visibility", old)
            old_groups = set(record.visibility_group_ids.ids)
            groups = old_groups
            if "visibility_group_ids" in vals:
                groups = set(field.convert_to_cache(vals[field.name], record))
            widens = (
                new == "everyone"
                or old == "private"
                or (new == old == "groups" and groups >= old_groups)
            )
            if not widens:
                raise AccessError(
                    _(
                        "You can only make %(name)s visible to more people; "
                        "ask the Owner or an Admin to restrict it.",
                        name=record.display_name,
                    )
                )

    def _crm_owner_changes(self, user_id):
        """The records whose owner (``user_id``) a write of ``user_id`` changes."""
        return self.filtered(lambda r: r.user_id.id != (user_id or False))

    def _crm_check_ownership_transfer(self, user_id):
        """Restricted records change owner only by the Owner or an Admin."""
        if self.env.su or self.env.user._crm_sees_everything():
            return
        moved = self._crm_owner_changes(user_id)._crm_restricted()
        if moved:
            raise AccessError(
                _(
                    "Only the Owner and Admins can transfer %(name)s: it is not "
                    "visible to everyone.",
                    name=moved[0].display_name,
                )
            )
