# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS, TERM_OPERATORS_NEGATION

from .crm_constants import (
    LIFECYCLE_STATES,
    changes_memberships,
)
from .crm_transaction import collecting

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    lifecycle_state = fields.Selection(
        LIFECYCLE_STATES,
        string="Lifecycle",
        default="invited",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Pending: invited, has never logged in. Active: has logged in. "
        "Suspended: keeps data and seat but cannot log in. "
        "Archived: deactivated; data stays and keeps its owner.",
    )
    archive_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the user was last archived; "
        "under the 'cycle end' policy the seat stays held "
        "until the billing cycle ends.",
    )
    invite_count = fields.Integer(
        string="Invitations Sent",
        readonly=True,
        copy=False,
        help="Bumped by every (re)sent invitation; "
        "signup links carry it, so a resent link kills the older ones.",
    )
    invite_url = fields.Char(
        string="Invitation Link",
        compute="_compute_invite_url",
        groups="base.group_erp_manager",
    )

    crm_role_ids = fields.Many2many(
        "res.groups",
        string="Roles",
        compute="_compute_crm_role_ids",
        search="_search_crm_role_ids",
        help="The CRM roles of the user; their rights add up.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("groups_id.is_role")
    def _compute_crm_role_ids(self):
        for user in self:
            user.crm_role_ids = user.groups_id.filtered("is_role")

    def _search_crm_role_ids(self, operator, value):
        if value is False and operator in ("=", "!="):
            return [
                (
                    "groups_id",
                    "not any" if operator == "=" else "any",
                    [("is_role", "=", True)],
                )
            ]
        # a text searches the role names, as on any relational field; a negative
        # operator means that no role matches, as on any many2many
        field = "name" if isinstance(value, str) else "id"
        if operator in NEGATIVE_TERM_OPERATORS:
            positive = TERM_OPERATORS_NEGATION[operator]
            return [
                (
                    "groups_id",
                    "not any",
                    [("is_role", "=", True), (field, positive, value)],
                )
            ]
        return [
            ("groups_id", "any", [("is_role", "=", True), (field, operator, value)])
        ]

    @api.constrains("email", "partner_id")
    def _check_email_unique(self):
        """Emails are unique among users, case-insensitively."""
        self.partner_id._check_user_email_unique()

    def _get_session_token_fields(self):
        # suspending a user changes their session token: open sessions die
        return super()._get_session_token_fields() | {"lifecycle_state"}

    # ------------------------------------------------------------------
    # Seats
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (
                vals.get("login")
                and "@" in vals["login"]
                and not vals.get("email")
                and not vals.get("partner_id")
            ):
                vals["email"] = vals["login"]
            if vals.get("active", True) is False:
                vals["lifecycle_state"] = "archived"
            elif vals.get("lifecycle_state") == "archived":
                vals["active"] = False
        send_invite = not (
            self.env.context.get("no_reset_password")
            or self.env.context.get("install_mode")
            or self.env.context.get("import_file")
        )
        # Odoo calls calendar's settings inverse user by user (the field is not
        # stored): each call puts its values in settings_todo, written in one
        # batch below
        with (
            self._crm_seat_guard(),
            collecting(self.env, "user_settings") as (settings_todo, outermost),
        ):
            # we send the invitations ourselves, queued and in one batch; the
            # initials avatars of invited users wait for their first login
            users = super(
                ResUsers,
                self.with_context(
                    no_reset_password=True,
                    crm_visibility_public=True,
                    crm_creating_users=True,
                    crm_defer_initials_avatar=send_invite,
                    **self._crm_batch_default_groups(vals_list),
                ),
            ).create(vals_list)
        users = users.with_env(self.env)
        users._crm_check_partners_may_become_users()
        visibility = users._crm_visibility_groups_by_user()
        if any(visibility.values()):
            # those beyond what every new user gets from the template user
            defaults = frozenset(self._default_groups().ids)
            if any(groups - defaults for groups in visibility.values()):
                self.env["res.groups"]._crm_check_can_manage_visibility_groups()
        if outermost:
            self._crm_apply_user_settings(settings_todo)
        # existing partners that became a user's
        users.partner_id._crm_make_public()
        users._crm_settle_default_role()
        # stock groups given at creation stay: the guard narrows role holders
        users._crm_after_role_change({}, sync_stock_groups=False)
        users.filtered(lambda u: not u.active).archive_date = fields.Datetime.now()
        if send_invite:
            users.filtered(
                lambda u: u.email and u.lifecycle_state == "invited"
            )._crm_send_invitation()
        return users

    def _crm_check_partners_may_become_users(self):
        """A restricted contact becomes a user's (and so visible to everyone)
        only by the Owner or an Admin: not through a signup, nor anyone else."""
        if self.env.uid == SUPERUSER_ID or self.env.user._crm_sees_everything():
            return
        # sudo: the visibility of the new users' partners, to protect it
        restricted = self.sudo().partner_id._crm_restricted()
        if restricted:
            raise AccessError(
                _(
                    "%(name)s is not visible to everyone: only the Owner and "
                    "Admins can make it a user's.",
                    name=restricted[0].display_name,
                )
            )

    def write(self, vals):  # pylint: disable=method-required-super
        # super().write() is called by _crm_write_seats(), inside the seat guard
        if (
            self.env.context.get("crm_defer_initials_avatar")
            and vals.keys() == {"image_1920"}
            and len(self) == 1
            and self._crm_initials_avatar_due()
            and vals["image_1920"] == self.partner_id._avatar_generate_svg()
        ):
            # the initials avatar stock stores for each new user, one by one
            # (five images each): stored at the first login instead (see
            # _update_last_login); until then the same initials show, computed
            return True
        vals = dict(vals)
        if vals.get("active") is False or vals.get("lifecycle_state") in (
            "suspended",
            "archived",
        ):
            self._crm_check_owner_protections()
        if changes_memberships(vals):
            before = self._crm_roles_by_user()
            visibility_before = self._crm_visibility_groups_by_user()
            res = self._crm_write_seats(vals)
            self._crm_after_role_change(before)
            if visibility_before != self._crm_visibility_groups_by_user():
                self.env["res.groups"]._crm_check_can_manage_visibility_groups()
            return res
        return self._crm_write_seats(vals)

    def unlink(self):
        self._crm_check_owner_protections()
        if self.env.context.get("crm_user_management_archive_on_delete"):
            self.action_archive()
            return True
        return super().unlink()

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # Lifecycle actions
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # Authentication
    # ------------------------------------------------------------------
