# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


def widens(old, old_groups, new, groups):
    """Whether visibility ``new`` (with the ids ``groups``) shows a record to
    at least everyone ``old`` (with ``old_groups``) did."""
    return (
        new == "everyone"
        or old == "private"
        or (new == old == "groups" and set(groups) >= set(old_groups))
    )


class CrmVisibilityMixin(models.AbstractModel):
    """Who may change the visibility and the owner of a record (seed 003):
    owners widen their own records; the Owner and Admins do the rest."""

    _inherit = "crm.visibility.mixin"

    crm_visibility_readonly = fields.Boolean(
        compute="_compute_crm_visibility_readonly",
        help="Whether you may not change who sees this record: only its owner "
        "widens it, the Owner and Admins do the rest.",
    )

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_crm_visibility_readonly(self):
        sees_everything = self.env.su or self.env.user._crm_sees_everything()
        for record in self:
            record.crm_visibility_readonly = not sees_everything and bool(
                record._origin.id and record._origin.user_id != self.env.user
            )

    @api.onchange("visibility", "visibility_group_ids")
    def _onchange_crm_visibility_widens_only(self):
        """On screen, an owner's narrowing is undone at once, saying why (the
        server refuses it anyway)."""
        if self.env.su or self.env.user._crm_sees_everything():
            return None
        for record in self:
            origin = record._origin
            if not origin.id or widens(
                origin.visibility,
                origin.visibility_group_ids.ids,
                record.visibility,
                record.visibility_group_ids.ids,
            ):
                continue
            record.visibility = origin.visibility
            record.visibility_group_ids = origin.visibility_group_ids
            return {
                "warning": {
                    "title": _("Only wider"),
                    "message": _(
                        "You can only make this record visible to more people; "
                        "ask the Owner or an Admin to restrict it."
                    ),
                    "type": "notification",
                }
            }
        return None

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
            if not widens(old, old_groups, new, groups):
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
