# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.crm_user_management.models.crm_constants import (
    PARAM_ANCHOR_DAY,
    PARAM_RELEASE_POLICY,
    PARAM_SEAT_LIMIT,
)

from .common import CrmUserManagementCommon


@tagged("post_install", "-at_install", "crm_seats")
class TestSeats(CrmUserManagementCommon):
    def test_unlimited_by_default(self):
        usage = self.env["res.users"].get_seat_usage()
        self.assertEqual(usage["limit"], 0)
        self.assertIs(usage["available"], False)
        self.invite("free.1@example.com")
        self.assertEqual(
            self.env["res.users"].get_seat_usage()["used"], usage["used"] + 1
        )

    def test_who_takes_a_seat(self):
        used = self.used_seats()
        new_test_user(self.env, login="cum_portal", groups="base.group_portal")
        self.assertEqual(self.used_seats(), used, "portal users take no seat")
        user = self.invite("seat.taker@example.com")
        self.assertEqual(self.used_seats(), used + 1, "invited users take a seat")
        user.with_user(self.user_manager).action_copy_invite_link()
        user.lifecycle_state = "active"
        user.action_suspend()
        self.assertEqual(self.used_seats(), used + 1, "suspended users keep their seat")
        user.action_archive()
        self.assertEqual(
            self.used_seats(), used, "immediate policy: archiving frees the seat"
        )
        root = (
            self.env["res.users"].browse(SUPERUSER_ID).with_context(active_test=False)
        )
        self.assertFalse(root.active)

    def test_limit_refuses_create(self):
        self.set_seat_limit(self.used_seats() + 1)
        self.invite("last.seat@example.com")
        used = self.used_seats()
        with self.assertRaisesText(UserError, f"{used} of {used} seats used"):
            self.invite("one.too.many@example.com")
        with self.assertRaisesText(UserError, f"{used} of {used} seats used"):
            self.env["res.users"].create(
                [{"name": f"u{i}", "login": f"batch{i}@example.com"} for i in range(2)]
            )

    def test_limit_refuses_unarchive_and_portal_to_internal(self):
        user = self.invite("gone@example.com")
        user.action_archive()
        portal = new_test_user(
            self.env, login="cum_portal2", groups="base.group_portal"
        )
        self.set_seat_limit(self.used_seats())
        with self.assertRaisesText(UserError, "seats used"):
            user.action_unarchive()
        group_portal, group_user = (
            self.env.ref("base.group_portal"),
            self.env.ref("base.group_user"),
        )
        with self.assertRaisesText(UserError, "seats used"):
            portal.write({"groups_id": [(3, group_portal.id), (4, group_user.id)]})
        # leaving the portal takes no seat (no user type yet) ...
        group_portal.write({"users": [(3, portal.id)]})
        # ... becoming internal does
        with self.assertRaisesText(UserError, "seats used"):
            group_user.write({"users": [(4, portal.id)]})
        self.assertNotIn(group_user, portal.groups_id)
        self.assertTrue(portal.share)

    def test_limit_refuses_reactivation_when_over(self):
        user = self.invite("susp@example.com")
        user.lifecycle_state = "active"
        user.action_suspend()
        self.set_seat_limit(self.used_seats() - 1)  # the limit was lowered meanwhile
        with self.assertRaisesText(UserError, "seats used"):
            user.action_reactivate()
        self.assertEqual(user.lifecycle_state, "suspended")

    def test_writes_that_take_no_seat_pass_when_full(self):
        self.set_seat_limit(self.used_seats() - 1)
        self.salesman.write(
            {
                "name": "Renamed",
                "groups_id": [(4, self.env.ref("base.group_partner_manager").id)],
            }
        )
        self.assertEqual(self.salesman.name, "Renamed")

    def test_cycle_end_policy_holds_seats(self):
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param(PARAM_RELEASE_POLICY, "cycle_end")
        icp.set_param(PARAM_ANCHOR_DAY, 15)
        with freeze_time("2026-03-20 10:00:00"):
            user = self.invite("held@example.com")
            used = self.used_seats()
            user.action_archive()
            self.assertEqual(user.archive_date, datetime(2026, 3, 20, 10, 0))
            usage = self.env["res.users"].get_seat_usage()
            self.assertEqual(
                usage["used"], used, "the archived user still holds a seat"
            )
            self.assertEqual(usage["held"], 1)
            self.assertEqual(
                usage["held_seats"],
                [
                    {
                        "user_id": user.id,
                        "name": user.name,
                        "frees_on": date(2026, 4, 15),
                    }
                ],
            )
            self.set_seat_limit(used)
            with self.assertRaisesText(UserError, f"{used} of {used} seats used"):
                self.invite("waiting@example.com")
        with freeze_time("2026-04-15 00:30:00"):
            self.assertEqual(self.env["res.users"].get_seat_usage()["held"], 0)
            self.invite("waiting.again@example.com")  # the held seat is free now

    def test_billing_cycle_bounds(self):
        cycle = self.env["res.users"]._crm_billing_cycle
        self.assertEqual(
            cycle(1, date(2026, 1, 31)), (date(2026, 1, 1), date(2026, 2, 1))
        )
        self.assertEqual(
            cycle(28, date(2026, 1, 5)), (date(2025, 12, 28), date(2026, 1, 28))
        )
        self.assertEqual(
            cycle(28, date(2026, 2, 28)), (date(2026, 2, 28), date(2026, 3, 28))
        )

    def test_settings_show_usage_and_validate(self):
        self.set_seat_limit(self.used_seats() + 3)
        settings = self.env["res.config.settings"].create({})
        self.assertIn(
            f"{self.used_seats()} of {self.used_seats() + 3} seats used",
            settings.crm_seat_usage,
        )
        settings.crm_invite_expiry_days = 3
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_signup.signup.validity.hours"),
            "72",
        )
        with self.assertRaisesText(ValidationError, "between 1 and 28"):
            self.env["res.config.settings"].create({"crm_billing_anchor_day": 31})


@tagged("post_install", "-at_install", "crm_seats")
class TestSeatRace(TransactionCase):
    """Runs on its own cursors: this test transaction must not lock the seat row."""

    def test_seat_race_two_cursors(self):
        """Two transactions racing for the last seat never both succeed."""
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            previous_limit = env["ir.config_parameter"].get_param(PARAM_SEAT_LIMIT)
            limit = env["res.users"]._crm_count_seats()[0] + 1
            env["ir.config_parameter"].set_param(PARAM_SEAT_LIMIT, limit)
        cr_a, cr_b = registry.cursor(), registry.cursor()
        try:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {"no_reset_password": True})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {"no_reset_password": True})
            # both transactions take their snapshot: each sees one free seat
            self.assertEqual(env_a["res.users"].get_seat_usage()["available"], 1)
            self.assertEqual(env_b["res.users"].get_seat_usage()["available"], 1)
            env_a["res.users"].create(
                {"name": "Racer A", "login": "racer.a@example.com"}
            )
            cr_a.commit()
            refused = None
            try:
                env_b["res.users"].create(
                    {"name": "Racer B", "login": "racer.b@example.com"}
                )
                env_b.flush_all()
            except (SerializationFailure, UserError) as error:
                refused = error
            self.assertIsNotNone(refused, "both transactions took the last seat")
            cr_b.rollback()
            env_b.invalidate_all()
            users = env_b["res.users"].search(
                [("login", "in", ["racer.a@example.com", "racer.b@example.com"])]
            )
            self.assertEqual(users.mapped("login"), ["racer.a@example.com"])
            self.assertEqual(env_b["res.users"]._crm_count_seats()[0], limit)
            # B retried, as Odoo does after a serialization failure: a clean refusal
            with self.assertRaisesRegex(UserError, f"{limit} of {limit} seats used"):
                env_b["res.users"].create(
                    {"name": "Racer B", "login": "racer.b@example.com"}
                )
            cr_b.rollback()
        finally:
            cr_a.rollback()
            cr_b.rollback()
            cr_a.close()
            cr_b.close()
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                racers = (
                    env["res.users"]
                    .with_context(active_test=False)
                    .search(
                        [
                            (
                                "login",
                                "in",
                                ["racer.a@example.com", "racer.b@example.com"],
                            )
                        ]
                    )
                )
                partners = racers.partner_id
                racers.unlink()
                partners.unlink()
                env["ir.config_parameter"].set_param(
                    PARAM_SEAT_LIMIT, previous_limit or 0
                )
