# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse
from xmlrpc.client import Fault

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CrmUserManagementCase


@tagged("post_install", "-at_install", "crm_lifecycle")
class TestAuthentication(CrmUserManagementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._crm_setup_users()
        cls.closer = cls.env["res.users"].create(
            {
                "name": "Cleo Closer",
                "login": "cleo@example.com",
                "password": "cleo-password-1",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )

    def web_login(self, login, password):
        """POST the real login form; return the response."""
        self.url_open("/web/session/logout", allow_redirects=False)
        page = self.url_open("/web/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": csrf},
            allow_redirects=False,
        )

    def test_first_login_activates(self):
        self.assertEqual(self.closer.lifecycle_state, "invited")
        response = self.web_login("cleo@example.com", "cleo-password-1")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.closer.lifecycle_state, "active")
        self.assertIn("Status: Pending", self.closer.partner_id.message_ids[0].body)

    def test_suspended_user_is_refused_everywhere(self):
        self.closer.lifecycle_state = "active"
        # an API key made while active
        apikey = (
            self.env["res.users.apikeys"]
            .with_user(self.closer)
            ._generate(None, "cli", datetime.now() + timedelta(hours=12))
        )
        self.assertEqual(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, "cleo@example.com", apikey, {}
            ),
            self.closer.id,
        )
        # an open web session
        self.authenticate("cleo@example.com", "cleo-password-1")
        response = self.url_open(
            "/web/session/get_session_info",
            data="{}",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["uid"], self.closer.id)

        self.closer.with_user(self.user_manager).action_suspend()

        # the open session stops working on its next request
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        # web login form: the right password learns the account is suspended
        # and whom to ask; a wrong one gets Odoo's usual message
        response = self.web_login("cleo@example.com", "cleo-password-1")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your account is suspended", response.text)
        self.assertIn(self.env.ref("base.user_admin").name, response.text)
        self.assertNotIn("Wrong login/password", response.text)
        response = self.web_login("cleo@example.com", "not-her-password")
        self.assertIn("Wrong login/password", response.text)
        self.assertNotIn("suspended", response.text)
        # XML-RPC with password and with the API key
        db = self.env.cr.dbname
        self.assertFalse(
            self.xmlrpc_common.authenticate(
                db, "cleo@example.com", "cleo-password-1", {}
            )
        )
        self.assertFalse(
            self.xmlrpc_common.authenticate(db, "cleo@example.com", apikey, {})
        )
        for secret in ("cleo-password-1", apikey):
            with self.assertRaises(Fault):
                self.xmlrpc_object.execute_kw(
                    db, self.closer.id, secret, "res.partner", "search", [[]]
                )
        # JSON-RPC
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "service": "common",
                        "method": "login",
                        "args": [db, "cleo@example.com", "cleo-password-1"],
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertFalse(response.json()["result"])
        # the user keeps data and seat; reactivation restores access
        self.closer.with_user(self.user_manager).action_reactivate()
        self.assertEqual(
            self.xmlrpc_common.authenticate(
                db, "cleo@example.com", "cleo-password-1", {}
            ),
            self.closer.id,
        )
        self.assertEqual(
            self.xmlrpc_common.authenticate(db, "cleo@example.com", apikey, {}),
            self.closer.id,
        )

    def test_xmlrpc_create_obeys_seat_limit(self):
        self.set_seat_limit(self.used_seats())
        self.user_manager.password = "manager-password-1"
        with self.assertRaisesText(Fault, "seats used"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.user_manager.id,
                "manager-password-1",
                "res.users",
                "create",
                [{"name": "Over", "login": "over@example.com"}],
            )

    def test_accepting_invitation_sets_password_timezone_country(self):
        closer = self.env.ref("crm_user_management.role_closer")
        invited = self.invite(
            "invitee@example.com",
            groups_id=[
                Command.set((self.env["res.users"]._default_groups() | closer).ids)
            ],
        )
        # the browser's zone, as the web client's login page sets it
        self.opener.cookies.set("tz", "America/New_York")
        token = parse_qs(urlparse(invited.invite_url).query)["token"][0]
        page = self.url_open(f"/web/signup?token={token}")
        self.assertIn('name="tz"', page.text)
        self.assertIn('name="country_id"', page.text)
        belgium = self.env.ref("base.be")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/signup",
            data={
                "csrf_token": csrf,
                "token": token,
                "login": "invitee@example.com",
                "name": "invitee",
                "password": "invitee-password-1",
                "confirm_password": "invitee-password-1",
                "tz": "Europe/Brussels",
                "country_id": str(belgium.id),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        invited.invalidate_recordset()
        self.assertEqual(invited.lifecycle_state, "active")
        self.assertEqual(invited.tz, "Europe/Brussels", "the zone chosen, kept")
        self.assertEqual(invited.country_id, belgium)
        # a user who may read leads lands in CRM
        self.assertEqual(
            invited.action_id.id, self.env.ref("crm.crm_lead_action_pipeline").id
        )
        self.assertFalse(
            self.env["res.partner"]._get_partner_from_token(token),
            "a used link is dead",
        )

    def test_settings_pending_box_lists_pending_invitations(self):
        """Settings' Pending Invitations: users whose invitation is pending,
        not suspended or hand-activated users who never logged in."""
        invited = self.invite("box.pending@example.com")
        suspended = self.invite("box.suspended@example.com")
        suspended.sudo()._crm_write_derived({"lifecycle_state": "suspended"})
        self.closer.sudo()._crm_write_derived({"lifecycle_state": "active"})
        self.authenticate("admin", "admin")
        response = self.url_open(
            "/base_setup/data",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
            headers={"Content-Type": "application/json"},
        )
        data = response.json()["result"]
        pending = {login for _id, login in data["pending_users"]}
        self.assertIn(invited.login, pending)
        self.assertNotIn(suspended.login, pending)
        self.assertNotIn(self.closer.login, pending)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(
            settings.active_user_count,
            self.env["res.users"].search_count(
                [("lifecycle_state", "=", "active"), ("share", "=", False)]
            ),
            "the box's Active Users are the active ones",
        )
        self.assertEqual(
            data["pending_count"],
            self.env["res.users"].search_count(
                [("lifecycle_state", "=", "invited"), ("share", "=", False)]
            ),
        )
