# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .crm_constants import (
    PARAM_ANCHOR_DAY,
    PARAM_RELEASE_POLICY,
    PARAM_SEAT_LIMIT,
    SEAT_KEY_PREFIXES,
    SEAT_KEYS,
)


class ResUsers(models.Model):
    """Seats: who takes a seat, the limit, the billing cycle."""

    _inherit = "res.users"

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

    @api.model_create_multi
    def create(self, vals_list):
        with self._crm_seat_guard():
            return super().create(vals_list)

    def write(self, vals):
        if not any(
            key in SEAT_KEYS or key.startswith(SEAT_KEY_PREFIXES) for key in vals
        ):
            return super().write(vals)
        # over the limit (the limit lowered meanwhile), a suspended user stays
        # suspended
        reactivating = vals.get("lifecycle_state") == "active" and any(
            u.lifecycle_state == "suspended" for u in self
        )
        with self._crm_seat_guard(reactivating=reactivating):
            return super().write(vals)
