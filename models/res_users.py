# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS, TERM_OPERATORS_NEGATION
from odoo.tools import SQL, formataddr

from .crm_access_compiler import exceeds, widest
from .crm_transaction import collecting, collection
from .res_groups import ROLE_EXTRAS

_logger = logging.getLogger(__name__)

PARAM_SEAT_LIMIT = "crm_user_management.seat_limit"
PARAM_RELEASE_POLICY = "crm_user_management.seat_release_policy"
PARAM_ANCHOR_DAY = "crm_user_management.billing_anchor_day"

LIFECYCLE_STATES = [
    ("invited", "Pending"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("archived", "Archived"),
]
# state -> states it may move to
LIFECYCLE_TRANSITIONS = {
    "invited": {"active", "archived"},
    "active": {"suspended", "archived"},
    "suspended": {"active", "archived"},
    "archived": {"active", "invited"},
}
# res.users.write() keys that can change who takes a seat
SEAT_KEYS = {"active", "groups_id", "lifecycle_state", "share"}
SEAT_KEY_PREFIXES = ("in_group_", "sel_groups_")
# res.users.write() keys that can change which roles a user holds
ROLE_KEYS = {"groups_id"}


def changes_memberships(vals):
    """Whether res.users values can change the user's groups."""
    return any(key in ROLE_KEYS or key.startswith(SEAT_KEY_PREFIXES) for key in vals)


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
    @api.depends("lifecycle_state", "invite_count")
    @api.depends_context("uid")
    def _compute_invite_url(self):
        invited = self.filtered(lambda u: u.lifecycle_state == "invited" and u.active)
        # sudo: signup fields are manager-only; the field itself is manager-only
        partners = invited.partner_id.sudo().filtered(
            lambda p: p.signup_type == "signup"
        )
        urls = partners.with_context(
            signup_force_type_in_url="signup"
        )._get_signup_url_for_action()
        # an invitation link sets the password: a pending Admin's is for the
        # Owner only (only the Owner changes an Admin's credentials)
        owners, admins = self._crm_privileged_members()
        if self.env.uid not in owners and self.env.uid != SUPERUSER_ID:
            invited = invited.filtered(lambda u: u.id not in owners | admins)
        for user in self:
            user.invite_url = user in invited and urls.get(user.partner_id.id, False)

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
    @api.model
    def _crm_seat_settings(self):
        # sudo: reading settings only; every internal user may count seats
        get_param = self.env["ir.config_parameter"].sudo().get_param
        try:
            limit = int(get_param(PARAM_SEAT_LIMIT, 0) or 0)
            anchor_day = int(get_param(PARAM_ANCHOR_DAY, 1) or 1)
        except ValueError:
            limit, anchor_day = 0, 1
        policy = get_param(PARAM_RELEASE_POLICY, "immediate") or "immediate"
        return limit, policy, min(max(anchor_day, 1), 28)

    @api.model
    def _crm_billing_cycle(self, anchor_day, today=None):
        """Return (start, end) dates of the billing cycle holding ``today``."""
        today = today or fields.Date.context_today(self)
        start = today.replace(day=anchor_day)
        if today.day < anchor_day:
            start -= relativedelta(months=1)
        return start, start + relativedelta(months=1)

    def _crm_seat_held_sql(self, policy, cycle_start):
        """SQL condition on alias ``u`` for archived users still holding a seat."""
        if policy != "cycle_end":
            return SQL("FALSE")
        return SQL("(NOT u.active AND u.archive_date >= %s)", cycle_start)

    @api.model
    def _crm_count_seats(self):
        """Return (used, held) seat counts, straight from the database."""
        self.env["res.users"].flush_model(["active", "groups_id", "archive_date"])
        self.env["res.groups"].flush_model(["users"])
        _limit, policy, anchor_day = self._crm_seat_settings()
        cycle_start, _end = self._crm_billing_cycle(anchor_day)
        held = self._crm_seat_held_sql(policy, cycle_start)
        # internal users are the members of base.group_user: the stored share
        # flag lags behind stock's implied-group SQL (res.groups implied_ids)
        [(used, held_count)] = self.env.execute_query(
            SQL(
                """SELECT count(*), count(*) FILTER (WHERE %(held)s)
                     FROM res_users u
                     JOIN res_groups_users_rel m
                       ON m.uid = u.id AND m.gid = %(internal)s
                    WHERE u.id != %(root)s AND (u.active OR %(held)s)""",
                held=held,
                internal=self.env.ref("base.group_user").id,
                root=SUPERUSER_ID,
            )
        )
        return used, held_count

    @api.model
    def _crm_lock_seats(self):
        """Serialize seat-consuming transactions.

        Odoo runs transactions in REPEATABLE READ: updating the seat-limit
        row makes a concurrent transaction that also takes a seat either
        wait and then fail with a serialization error (Odoo retries the
        request, which then sees the seat taken), so two transactions can
        never both take the last seat.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE ir_config_parameter SET value = value WHERE key = %s",
                PARAM_SEAT_LIMIT,
            )
        )

    @contextlib.contextmanager
    def _crm_seat_guard(self, reactivating=False):
        """Refuse what the block does if it leaves more seats used than allowed."""
        limit = self._crm_seat_settings()[0]
        if not limit:
            yield
            return
        used_before = self._crm_count_seats()[0]
        yield
        self._crm_lock_seats()
        used_after = self._crm_count_seats()[0]
        if used_after > limit and (used_after > used_before or reactivating):
            raise UserError(
                _(
                    "No free seat: %(used)s of %(limit)s seats used, "
                    "%(requested)s more requested. Free a seat (archive a user) "
                    "or raise the seat limit in Settings.",
                    used=used_before,
                    limit=limit,
                    requested=max(used_after - used_before, 1),
                )
            )

    @api.model
    def get_seat_usage(self):
        """Return the seat usage of the database.

        :return: dict with ``limit`` (0 = unlimited), ``used`` (held seats
            included), ``available`` (False when unlimited), ``held`` and
            ``held_seats``: one dict per held seat with ``user_id``, ``name``
            and ``frees_on`` (date).
        """
        if not self.env.user._is_internal():
            raise AccessError(_("Only internal users can see the seat usage."))
        limit, _policy, anchor_day = self._crm_seat_settings()
        used, held = self._crm_count_seats()
        held_seats = []
        if held:
            cycle_start, cycle_end = self._crm_billing_cycle(anchor_day)
            # sudo: counting archived colleagues, only ids/names are returned
            held_users = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("share", "=", False),
                        ("active", "=", False),
                        ("id", "!=", SUPERUSER_ID),
                        ("archive_date", ">=", cycle_start),
                    ],
                    order="archive_date",
                )
            )
            held_seats = [
                {"user_id": u.id, "name": u.name, "frees_on": cycle_end}
                for u in held_users
            ]
        return {
            "limit": limit,
            "used": used,
            "available": max(limit - used, 0) if limit else False,
            "held": held,
            "held_seats": held_seats,
        }

    @api.model
    def _crm_seat_usage_text(self, usage):
        """One line for the UI from a ``get_seat_usage()`` result."""
        if usage["limit"]:
            text = _(
                "%(used)s of %(limit)s seats used",
                used=usage["used"],
                limit=usage["limit"],
            )
        else:
            text = _("%(used)s seats used (no limit)", used=usage["used"])
        if usage["held"]:
            text += _(
                " (%(held)s held by archived users until %(date)s)",
                held=usage["held"],
                date=fields.Date.to_string(usage["held_seats"][0]["frees_on"]),
            )
        return text

    @api.model
    def get_seat_usage_summary(self):
        """Return the seat usage with a one-line text, for the web client."""
        usage = self.get_seat_usage()
        usage["text"] = self._crm_seat_usage_text(usage)
        usage["held_seats"] = [
            dict(seat, frees_on=fields.Date.to_string(seat["frees_on"]))
            for seat in usage["held_seats"]
        ]
        return usage

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

    def _inverse_calendar_res_users_settings(self):
        # Calendar finds or creates the settings of each user and writes them
        # one by one (at every user creation, each write searching the users
        # again): the same values, written for all users at once; while users
        # are being created, their settings are created with them (see create).
        config_fields = self._get_user_calendar_configuration_fields()
        # sudo: user settings are technical records every internal user gets
        users = self.sudo()

        def config(user):
            return {
                name: user._fields[name].convert_to_write(user[name], user)
                for name in config_fields
            }

        values_by_user_id = {user.id: config(user) for user in users}
        todo = collection(self.env, "user_settings")
        if todo is not None:
            todo.update(values_by_user_id)
        else:
            self._crm_apply_user_settings(values_by_user_id)

    @api.model
    def _crm_apply_user_settings(self, values_by_user_id):
        """Write {user id: settings values} on the users' settings, creating the
        settings of users who have none; one query per distinct set of values."""
        if not values_by_user_id:
            return
        # sudo: as stock's _find_or_create_for_user, the settings of these users
        users = self.sudo().browse(values_by_user_id)
        missing = users.filtered(lambda user: not user.res_users_settings_ids)
        if missing:
            self.env["res.users.settings"].sudo().create(
                [{"user_id": user.id, **values_by_user_id[user.id]} for user in missing]
            )
        settings = (users - missing).res_users_settings_ids
        for values, group in settings.grouped(
            lambda setting: tuple(values_by_user_id[setting.user_id.id].items())
        ).items():
            # only the settings whose values change
            group.filtered(
                lambda setting, values=values: any(
                    setting._fields[name].convert_to_write(setting[name], setting)
                    != value
                    for name, value in values
                )
            ).write(dict(values))

    @api.model
    def _crm_batch_default_groups(self, vals_list):
        """Context giving a batch of new users the default groups computed once:
        Odoo computes the default of every record before creating any, so each
        would get the same groups (see _default_groups)."""
        if sum("groups_id" not in vals for vals in vals_list) < 2:
            return {}
        return {"crm_default_group_ids": tuple(self._default_groups().ids)}

    def _inverse_notification_type(self):
        # Stock writes the inbox group on every user, even where membership does
        # not change (each new user, since the field has a default): that write
        # clears the registry caches several times per create. Only users whose
        # membership really changes are written, the same end state.
        inbox_group = self.env.ref("mail.group_mail_notification_type_inbox")
        changed = self.filtered(
            lambda user: (
                (user.notification_type == "inbox") != (inbox_group in user.groups_id)
            )
        )
        if not changed:
            return None
        return super(ResUsers, changed)._inverse_notification_type()

    def _crm_write_seats(self, vals):
        if "lifecycle_state" in vals:
            self._crm_check_can_manage()
            self._crm_check_lifecycle_transition(vals["lifecycle_state"])
            if vals["lifecycle_state"] == "archived":
                vals["active"] = False
            elif "active" not in vals and any(not u.active for u in self):
                vals["active"] = True
        seat_sensitive = any(
            key in SEAT_KEYS or key.startswith(SEAT_KEY_PREFIXES) for key in vals
        )
        if not seat_sensitive:
            return super().write(vals)
        reactivating = vals.get("lifecycle_state") == "active" and any(
            u.lifecycle_state == "suspended" for u in self
        )
        previous_states = {user.id: user.lifecycle_state for user in self}
        with self._crm_seat_guard(reactivating=reactivating):
            res = super().write(vals)
            if "active" in vals and "lifecycle_state" not in vals:
                self._crm_sync_lifecycle_with_active()
        self._crm_log_lifecycle_changes(previous_states)
        return res

    def _crm_sync_lifecycle_with_active(self):
        """Archive -> archived; unarchive -> active, or invited if never logged in."""
        archived = self.filtered(
            lambda u: not u.active and u.lifecycle_state != "archived"
        )
        unarchived = self.filtered(
            lambda u: u.active and u.lifecycle_state == "archived"
        )
        if archived:
            super(ResUsers, archived).write(
                {"lifecycle_state": "archived", "archive_date": fields.Datetime.now()}
            )
        logged_in = unarchived.filtered("login_date")
        if logged_in:
            super(ResUsers, logged_in).write({"lifecycle_state": "active"})
        if unarchived - logged_in:
            super(ResUsers, unarchived - logged_in).write(
                {"lifecycle_state": "invited"}
            )
        return True

    def _crm_check_lifecycle_transition(self, new_state):
        if new_state not in LIFECYCLE_TRANSITIONS:
            raise UserError(_("Unknown lifecycle state %(state)s.", state=new_state))
        labels = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        for user in self:
            if (
                new_state != user.lifecycle_state
                and new_state not in LIFECYCLE_TRANSITIONS[user.lifecycle_state]
            ):
                raise UserError(
                    _(
                        "%(user)s is %(old)s and cannot become %(new)s.",
                        user=user.name,
                        old=labels[user.lifecycle_state],
                        new=labels[new_state],
                    )
                )

    def _crm_log_lifecycle_changes(self, previous_states):
        """Write each lifecycle change in the user's chatter (on its partner)."""
        labels = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        bodies = {
            user.partner_id.id: Markup("%s: %s &rarr; %s")
            % (
                _("Status"),
                labels[previous_states[user.id]],
                labels[user.lifecycle_state],
            )
            for user in self
            if previous_states.get(user.id) != user.lifecycle_state
        }
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "lifecycle",
                    "user_id": user.id,
                    "description": self.env._("Status"),
                    "old_value": labels[previous_states[user.id]],
                    "new_value": labels[user.lifecycle_state],
                }
                for user in self
                if previous_states.get(user.id) != user.lifecycle_state
            ]
        )
        if bodies:
            # sudo: the caller was allowed to change the users; this only logs it
            self.env["res.partner"].sudo().browse(list(bodies))._message_log_batch(
                bodies, author_id=self.env.user.partner_id.id
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_crm_data_owner(self):
        # sudo: count what the users own, whoever may see it
        leads = self.env["crm.lead"].sudo().with_context(active_test=False)
        activities = self.env["mail.activity"].sudo()
        owners = self.browse(
            {
                *leads.search([("user_id", "in", self.ids)]).user_id.ids,
                *activities.search([("user_id", "in", self.ids)]).user_id.ids,
            }
        )
        if owners:
            raise UserError(
                _(
                    "%(users)s still own leads or activities. Archive them instead "
                    "(their data stays and keeps its owner), "
                    "or reassign the data first.",
                    users=", ".join(owners.mapped("name")),
                )
            )

    def action_archive(self):
        # stock mail deletes the activities assigned to the users archived:
        # they stay, assigned to them, visible to whoever sees their record
        return super(
            ResUsers, self.with_context(crm_keep_activities_of=tuple(self.ids))
        ).action_archive()

    def unlink(self):
        self._crm_check_owner_protections()
        if self.env.context.get("crm_user_management_archive_on_delete"):
            self.action_archive()
            return True
        return super().unlink()

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _crm_roles_by_user(self):
        """{user id: frozenset of role ids} for these users."""
        return {user.id: frozenset(user.crm_role_ids.ids) for user in self}

    def _crm_visibility_groups_by_user(self):
        """{user id: frozenset of the ids of their visibility groups}: only the
        Owner and Admins change these memberships, from either side."""
        # sudo: reading memberships, to check who changes them
        return {
            user.id: frozenset(user.groups_id.filtered("is_visibility_group").ids)
            for user in self.sudo()
        }

    def _crm_role_governed(self):
        """The users roles govern: internal users, but neither the superuser nor
        the template of new users (Odoo copies groups given to the template onto
        every internal user)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        return self.filtered(
            lambda u: not u.share and u.id != SUPERUSER_ID and u != template
        )

    @api.model
    def _default_groups(self):
        """The stock default groups, plus the default role (and what it implies)
        for internal users: new users hold it from their creation on, without a
        membership write (and its registry cache clearing) afterwards."""
        batch_group_ids = self.env.context.get("crm_default_group_ids")
        if batch_group_ids is not None:
            return self.env["res.groups"].browse(batch_group_ids)
        groups = super()._default_groups() or self.env["res.groups"]
        if self.env.context.get("crm_template_groups_change"):
            return self._crm_groups_without_roles(groups)
        default = self.env["res.groups"]._crm_default_role()
        internal_id = self.env["ir.model.data"]._xmlid_to_res_id("base.group_user")
        if default and internal_id in groups.ids and not groups.filtered("is_role"):
            # the default role means what it says: the Sales and export groups
            # of the template (sales_team gives it Sales Administrator) stay out
            groups -= self._crm_managed_stock_groups() | self.env.ref(
                "base.group_partner_manager"
            )
            groups |= default | default.trans_implied_ids
        return groups

    @api.model
    def _crm_groups_without_roles(self, groups):
        """``groups`` less its roles and what only roles bring: what a change
        of the template's groups may hand to existing users."""
        # roles, and plain groups implying one (they would hand it out too;
        # stock spreads before it adds the implied groups to the template)
        roles = groups.filtered(
            lambda g: g.is_role or g.trans_implied_ids.filtered("is_role")
        )
        internal = self.env.ref("base.group_user")
        brought = roles.trans_implied_ids - internal - internal.trans_implied_ids
        return groups - roles - brought - self._crm_managed_stock_groups()

    def _crm_initials_avatar_due(self):
        """Stock's test for storing an initials avatar: an internal user with a
        name and no picture."""
        self.ensure_one()
        return not self.image_1920 and not self.share and bool(self.name)

    def _crm_settle_default_role(self):
        """New users: the default role for those without a role, and not on top
        of another role (the user form starts with the default role ticked)."""
        default = self.env["res.groups"]._crm_default_role()
        doubled = self.filtered(
            lambda u: default in u.groups_id and len(u.crm_role_ids) > 1
        )
        # with it go the stock groups only it brought (their other roles give
        # what they give; stock groups given otherwise at creation stay)
        brought = default.trans_implied_ids & self._crm_managed_stock_groups()
        for roles, users in doubled.grouped(
            lambda u: u.groups_id.filtered("is_role") - default
        ).items():
            taken_back = default | (brought - roles.trans_implied_ids)
            # sudo + super: only takes groups back, from users just created by
            # the caller, who hold another role
            super(ResUsers, users.sudo()).write(
                {"groups_id": [Command.unlink(g.id) for g in taken_back]}
            )
        return self._crm_give_default_role()

    def _crm_give_default_role(self):
        """Governed users holding no role get the default role."""
        default = self.env["res.groups"]._crm_default_role()
        roleless = self._crm_role_governed().filtered(
            lambda u: not u.groups_id.filtered("is_role")
        )
        if default and roleless:
            # sudo + super: the default role grants nothing beyond being internal
            return super(ResUsers, roleless.sudo()).write(
                {"groups_id": [Command.link(default.id)]}
            )
        return True

    @api.model
    def _crm_install_roles(self):
        """At install: every governed user holds a role."""
        users = self.with_context(active_test=False).search([("share", "=", False)])
        users._crm_give_default_role()
        self.env["crm.role.assignment"]._crm_sync()

    def _crm_after_role_change(self, before, sync_stock_groups=True):
        """Keep the role invariants after a change of memberships.

        ``before``: the ``_crm_roles_by_user()`` of these users before it;
        ``sync_stock_groups``: reset their stock Sales groups to their roles'.
        """
        default = self.env["res.groups"]._crm_default_role()
        after = self._crm_roles_by_user()
        changed = self._crm_role_governed().filtered(
            lambda u: after[u.id] != before.get(u.id, frozenset())
        )
        if not changed:
            return
        stripped = changed.filtered(lambda u: not after[u.id])
        only_default = stripped.filtered(
            lambda u: before.get(u.id) == frozenset(default.ids)
        )
        if only_default:
            raise UserError(
                _(
                    "%(users)s only hold(s) the role %(role)s and cannot be removed "
                    "from it: give them another role first.",
                    users=", ".join(only_default.mapped("name")),
                    role=default.name,
                )
            )
        stripped._crm_give_default_role()
        owner_role = self.env["res.groups"]._crm_role("owner")
        # sudo: counting the Owner role's members, whoever changed memberships
        if (
            owner_role
            and len(owner_role.sudo().with_context(active_test=False).users) != 1
        ):
            raise UserError(
                _("There is exactly one Owner: that role is neither given nor taken.")
            )
        if sync_stock_groups:
            changed._crm_sync_stock_groups()
        self.env["crm.role.assignment"]._crm_sync(changed)
        after = changed._crm_roles_by_user()
        groups = self.env["res.groups"]
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "membership",
                    "user_id": user.id,
                    "description": self.env._("Roles"),
                    "old_value": ", ".join(
                        groups.browse(sorted(before.get(user.id, ()))).mapped("name")
                    ),
                    "new_value": ", ".join(
                        groups.browse(sorted(after[user.id])).mapped("name")
                    ),
                }
                for user in changed
            ]
        )

    @api.model
    def _crm_managed_stock_groups(self):
        """The stock groups that follow the roles of role holders."""
        return self.env["res.groups"].browse(
            [
                self.env.ref(xmlid).id
                for xmlid in (
                    "sales_team.group_sale_salesman",
                    "sales_team.group_sale_salesman_all_leads",
                    "sales_team.group_sale_manager",
                    "base.group_allow_export",
                )
            ]
        )

    def _crm_sync_stock_groups(self):
        """Stock CRM groups and the export feature follow the roles: a user whose
        roles view no lead or deal does not see the CRM app, and only roles
        allowing export give the export feature."""
        managed = self._crm_managed_stock_groups()
        by_change = defaultdict(lambda: self.browse())
        for user in self._crm_role_governed():
            roles = user.groups_id.filtered("is_role")
            if not roles:
                continue
            wanted = (roles | roles.trans_implied_ids) & managed
            extra = (user.groups_id & managed) - wanted
            missing = wanted - user.groups_id
            if extra or missing:
                by_change[(extra, missing)] |= user
        for (extra, missing), users in by_change.items():
            # sudo + super: these groups are derived from roles just checked
            super(ResUsers, users.sudo()).write(
                {
                    "groups_id": [Command.unlink(g.id) for g in extra]
                    + [Command.link(g.id) for g in missing]
                }
            )
        return True

    def get_effective_permissions(self):
        """Return the union of the user's roles: {entity: {action: scope}}.

        Entities: lead, deal, contact, company, activity; actions: view,
        create, edit, delete; scopes: none, own, team, all.
        """
        self.ensure_one()
        if self != self.env.user:
            self._crm_check_can_read_rights()
        return self._crm_scope_union(self.env["res.groups"]._crm_contacts_public())

    def _crm_scope_union(self, contacts_public):
        """The union of the user's roles' scopes, {entity: {action: scope}}: as
        the rules apply them with ``contacts_public``, or their matrices alone."""
        result = self.env["crm.role.permission"]._crm_empty_matrix()
        # sudo: the user's own roles, or a user manager looking at them
        for role in self.sudo().groups_id.filtered("is_role"):
            for entity, actions in role._crm_effective_scopes(contacts_public).items():
                for action, scope in actions.items():
                    result[entity][action] = widest((scope, result[entity][action]))
        return result

    def get_effective_extras(self):
        """Return the extra rights of the user's roles: {name: bool}."""
        self.ensure_one()
        if self != self.env.user:
            self._crm_check_can_read_rights()
        # sudo: the user's own roles, or a user manager looking at them
        roles = self.sudo().groups_id.filtered("is_role")
        return {key: any(roles.mapped(key)) for key in ROLE_EXTRAS}

    def _crm_has_extra(self, key):
        # sudo: reading the user's own role flags
        return any(self.sudo().groups_id.filtered("is_role").mapped(key))

    def _crm_is_crm_role_holder(self):
        # sudo: reading the user's own roles
        return any(
            r._crm_grants_anything() for r in self.sudo().groups_id.filtered("is_role")
        )

    def _crm_rights_beyond(self, scopes, extras=()):
        """What of ``scopes`` ({entity: {action: scope}}) and ``extras`` (names
        of extra rights) goes beyond this user's own effective rights.

        :return: list of "entity action" and extra right names; empty if none
        """
        # their matrices: what Settings add to everyone is no right to delegate
        mine = self._crm_scope_union(contacts_public=False)
        my_extras = self.get_effective_extras()
        return [
            f"{entity} {action}"
            for entity, actions in scopes.items()
            for action, scope in actions.items()
            if exceeds(scope, mine.get(entity, {}).get(action, "none"))
        ] + [key for key in extras if not my_extras[key]]

    def _crm_check_can_read_rights(self):
        if not (
            self.env.su
            or self.env.user.has_group("base.group_erp_manager")
            or self.env.user._crm_has_extra("role_can_manage_users")
        ):
            raise AccessError(_("Only user managers can see the rights of others."))

    def _crm_sees_everything(self):
        """The Owner and Admins see every record, whatever its visibility."""
        roles = self.env["res.groups"]._crm_protected_roles()
        # sudo: reading the user's own membership of the Owner and Admin roles
        return bool(roles & self.sudo().groups_id)

    def _crm_is_owner(self):
        owner_role = self.env["res.groups"]._crm_role("owner")
        # sudo: reading the user's own membership of the Owner role
        return bool(owner_role) and owner_role in self.sudo().groups_id

    def _crm_check_owner_protections(self):
        """Nobody suspends, archives or deletes the Owner; only the Owner does
        it to an Admin."""
        if self.env.su and self.env.uid == SUPERUSER_ID:
            return
        owner_role = self.env["res.groups"]._crm_role("owner")
        admin_role = self.env["res.groups"]._crm_role("admin")
        # sudo: reading role memberships to protect the Owner
        users = self.sudo()
        if owner_role and users.filtered(lambda u: owner_role in u.groups_id):
            raise UserError(_("The Owner cannot be suspended, archived or deleted."))
        admins = admin_role and users.filtered(lambda u: admin_role in u.groups_id)
        if admins and not self.env.user._crm_is_owner():
            raise AccessError(
                _(
                    "Only the Owner can suspend, archive or delete an Admin "
                    "(%(users)s).",
                    users=", ".join(admins.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Lifecycle actions
    # ------------------------------------------------------------------
    def _crm_check_can_manage(self):
        """Only user managers may change another user's lifecycle.

        User managers are Owner/Admin (base.group_erp_manager) and holders of a
        role with 'manage users', who may act only on users whose rights are
        all within their own and who are neither Owner nor Admin.

        :return: the records to act on: ``self``, or ``self.sudo()`` for a
            delegated user manager once checked (they have no write access
            on users of their own).
        """
        if self.env.su:
            return self
        self._crm_check_not_system_account()
        user = self.env.user
        if user.has_group("base.group_erp_manager"):
            self.check_access("write")
            return self
        if not user._crm_has_extra("role_can_manage_users"):
            raise AccessError(_("Only user managers can change the status of users."))
        # sudo: the delegate has no write access on users; checked just below
        targets = self.sudo()
        targets._crm_check_within_rights_of(user, self.env["res.groups"])
        return targets

    def _crm_check_within_rights_of(self, manager, roles):
        """Refuse a delegated ``manager`` acting on these users, or granting
        ``roles``, beyond the manager's own effective rights."""
        protected = self.env["res.groups"]._crm_protected_roles()
        if protected & (self.groups_id | roles) or any(
            user.has_group("base.group_erp_manager") for user in self
        ):
            raise AccessError(
                _("Only the Owner and Admins can manage Owners and Admins.")
            )
        # sudo: the manager's own groups, to compare
        manager_groups = manager.sudo().groups_id
        involved = self.groups_id | roles
        for role in (involved | involved.trans_implied_ids).filtered("is_role"):
            too_wide = manager._crm_rights_beyond(
                role._crm_scopes(), [key for key in ROLE_EXTRAS if role[key]]
            )
            # what a role implies is one of its rights too (Settings, say)
            too_wide += (
                role.trans_implied_ids.filtered(lambda g: not g.is_role)
                - manager_groups
            ).mapped("full_name")
            if too_wide:
                raise AccessError(
                    _(
                        "The role %(role)s goes beyond your own rights "
                        "(%(rights)s): you cannot manage its users or grant it.",
                        role=role.name,
                        rights=", ".join(too_wide),
                    )
                )

    def set_roles(self, role_ids):
        """Replace the roles of these users by ``role_ids`` (ids of roles).

        Owner/Admin may give any role but Owner; a delegated user manager
        only roles within their own rights.
        """
        roles = self.env["res.groups"].browse(role_ids).exists()
        if len(roles) != len(set(role_ids)) or not all(roles.mapped("is_role")):
            raise UserError(_("Only roles can be given here."))
        self._crm_check_not_system_account()
        targets = self._crm_check_can_manage()
        if targets.env.su and not self.env.su:
            targets._crm_check_within_rights_of(self.env.user, roles)
        # one write per distinct set of current roles
        for current, users in targets.grouped(
            lambda u: u.groups_id.filtered("is_role")
        ).items():
            commands = [Command.unlink(r.id) for r in current - roles] + [
                Command.link(r.id) for r in roles - current
            ]
            if commands:
                users.write({"groups_id": commands})
        return True

    def action_suspend(self):
        """Suspend active users: they keep data and seat but cannot log in."""
        users = self._crm_check_can_manage()
        if self.env.user in self and not self.env.su:
            raise UserError(_("You cannot suspend yourself."))
        users.write({"lifecycle_state": "suspended"})
        return True

    def action_reactivate(self):
        """Give suspended users their access back."""
        users = self._crm_check_can_manage()
        not_suspended = self.filtered(lambda u: u.lifecycle_state != "suspended")
        if not_suspended:
            raise UserError(
                _(
                    "Only suspended users can be reactivated: %(users)s.",
                    users=", ".join(not_suspended.mapped("name")),
                )
            )
        users.write({"lifecycle_state": "active"})
        return True

    def action_resend_invite(self):
        """Send a fresh invitation; links sent before stop working."""
        users = self._crm_check_can_manage()
        not_invited = self.filtered(lambda u: u.lifecycle_state != "invited")
        if not_invited:
            raise UserError(
                _(
                    "Only pending users can get a new invitation: %(users)s.",
                    users=", ".join(not_invited.mapped("name")),
                )
            )
        users._crm_send_invitation()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "Invitation sent again to %(count)s user(s).", count=len(self)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_copy_invite_link(self):
        """Open the current invitation link of a pending user, ready to copy."""
        self.ensure_one()
        self._crm_check_can_manage()
        if self.lifecycle_state != "invited":
            raise UserError(_("Only a pending user has an invitation link."))
        if self.partner_id.sudo().signup_type != "signup":  # sudo: manager-only field
            self._crm_send_invitation()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invitation link of %(user)s", user=self.name),
            "res_model": "res.users",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "crm_user_management.res_users_view_form_invite_link"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_crm_open_invite_wizard(self):
        """Open the bulk invitation wizard (Users list button, called on no record)."""
        return self.env["crm.user.invite.wizard"].action_open()

    def _crm_send_invitation(self):
        """Issue a fresh signup token for each user and queue its invitation mail."""
        if not self:
            return
        missing = self.filtered(lambda u: not u.email)
        if missing:
            raise UserError(
                _(
                    "Cannot invite %(users)s: no email address.",
                    users=", ".join(missing.mapped("name")),
                )
            )
        # sudo: signup fields are manager-only; the caller may invite these users
        self_sudo = self.sudo()
        self_sudo.partner_id.signup_prepare(signup_type="signup")
        for count, users in self_sudo.grouped("invite_count").items():
            users.write({"invite_count": count + 1})
        self_sudo._crm_queue_invitation_mails()

    def _crm_queue_invitation_mails(self):
        """Render the invitation of every user at once and queue the mails."""
        partners = self.partner_id.with_context(signup_force_type_in_url="signup")
        signup_urls = partners._get_signup_url_for_action()
        hours = int(
            self.env["ir.config_parameter"].get_param(
                "auth_signup.signup.validity.hours", 144
            )
        )
        bodies = self.env["mail.render.mixin"]._render_template(
            "crm_user_management.invitation_email",
            "res.users",
            self.ids,
            engine="qweb_view",
            add_context={
                "signup_urls": signup_urls,
                "expiry_days": max(hours // 24, 1),
                "inviter_name": self.env.user.name,
            },
            options={"post_process": True},
        )
        email_from = self.env.company.email_formatted or self.env.user.email_formatted
        self.env["mail.mail"].create(
            [
                {
                    "subject": self.env._(
                        "%(company)s invites you to Odoo",
                        company=user.company_id.name,
                    ),
                    "email_from": email_from,
                    # a name with a line break would add a header (Bcc:)
                    "email_to": formataddr((" ".join(user.name.split()), user.email)),
                    "body_html": bodies[user.id],
                    "auto_delete": True,
                    "message_type": "user_notification",
                    "state": "outgoing",
                }
                for user in self
            ]
        )

    # ------------------------------------------------------------------
    # Authentication
    # ------------------------------------------------------------------
    def _check_credentials(self, credential, env):
        if self.env.user.lifecycle_state == "suspended":
            _logger.info("Login refused for suspended user %s", self.env.user.login)
            raise AccessDenied()
        return super()._check_credentials(credential, env)

    @api.model
    def _update_last_login(self):
        res = super()._update_last_login()
        user = self.env.user
        if user.lifecycle_state == "invited":
            previous = {user.id: user.lifecycle_state}
            # sudo: the user just authenticated; only their own status changes
            user_sudo = user.sudo()
            super(ResUsers, user_sudo).write({"lifecycle_state": "active"})
            user_sudo._crm_log_lifecycle_changes(previous)
            if user_sudo._crm_initials_avatar_due():
                # the initials avatar stock stores at creation (see write())
                user_sudo.image_1920 = user_sudo.partner_id._avatar_generate_svg()
        return res
