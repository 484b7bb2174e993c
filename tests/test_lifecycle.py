# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import parse_qs, urlparse

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CrmUserManagementCommon


def token_of(url):
    return parse_qs(urlparse(url).query)["token"][0]


@tagged("post_install", "-at_install", "crm_lifecycle")
class TestLifecycle(CrmUserManagementCommon):
    @freeze_time("2026-12-01 10:00:00")
    def test_create_invites_through_the_mail_queue(self):
        # frozen: the mailed link and invite_url are signed in the same second
        # (a link's expiry is part of its token)
        user = self.invite("new.hire@example.com")
        self.assertEqual(user.lifecycle_state, "invited")
        mail = self.mails_to("new.hire@example.com")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertIn("/web/signup?", mail.body_html)
        token = token_of(user.invite_url)
        self.assertIn(token, mail.body_html)
        self.assertEqual(
            self.env["res.partner"]._get_partner_from_token(token), user.partner_id
        )

    def test_transitions(self):
        user = self.invite("life@example.com")
        with self.assertRaisesText(UserError, "is Pending and cannot become Suspended"):
            user.action_suspend()
        with self.assertRaisesText(
            UserError, "Only suspended users can be reactivated"
        ):
            user.action_reactivate()
        user.lifecycle_state = "active"  # what a first login does
        user.action_suspend()
        self.assertEqual(user.lifecycle_state, "suspended")
        self.assertTrue(user.active)
        user.action_reactivate()
        self.assertEqual(user.lifecycle_state, "active")
        user.action_archive()
        self.assertEqual((user.lifecycle_state, user.active), ("archived", False))
        with self.assertRaisesText(
            UserError, "is Archived and cannot become Suspended"
        ):
            user.write({"lifecycle_state": "suspended"})
        user.action_unarchive()
        self.assertEqual(
            user.lifecycle_state, "invited", "never logged in: back to pending"
        )
        user.login_date = "2026-01-01 10:00:00"
        user.action_archive()
        user.action_unarchive()
        self.assertEqual(user.lifecycle_state, "active")
        messages = user.partner_id.message_ids.mapped("body")
        self.assertTrue(
            any("Active" in m and "Suspended" in m for m in messages), messages
        )

    def test_tracked_in_chatter(self):
        user = self.invite("tracked@example.com")
        user.lifecycle_state = "active"
        user.action_suspend()
        last = user.partner_id.message_ids[0]
        self.assertIn("Status: Active", last.body)
        self.assertIn("Suspended", last.body)
        self.assertEqual(last.author_id, self.env.user.partner_id)

    def test_only_user_managers_change_lifecycle(self):
        user = self.invite("target@example.com")
        (user | self.salesman).lifecycle_state = "active"
        for method in ("action_suspend", "action_reactivate", "action_resend_invite"):
            with self.assertRaises(AccessError):
                getattr(user.with_user(self.salesman), method)()
        with self.assertRaises(AccessError):
            user.with_user(self.salesman).write({"lifecycle_state": "suspended"})
        with self.assertRaises(AccessError):
            self.salesman.with_user(self.salesman).write(
                {"lifecycle_state": "suspended"}
            )
        user.with_user(self.user_manager).action_suspend()
        self.assertEqual(user.lifecycle_state, "suspended")
        with self.assertRaisesText(UserError, "yourself"):
            self.user_manager.with_user(self.user_manager).action_suspend()

    def test_resend_rotates_token_and_never_duplicates(self):
        user = self.invite("resend@example.com").with_user(self.user_manager)
        old_token = token_of(user.invite_url)
        users_before = self.env["res.users"].search_count([])
        user.action_resend_invite()
        self.assertEqual(self.env["res.users"].search_count([]), users_before)
        new_token = token_of(user.invite_url)
        Partner = self.env["res.partner"]
        self.assertFalse(
            Partner._get_partner_from_token(old_token), "the old link is dead"
        )
        self.assertEqual(Partner._get_partner_from_token(new_token), user.partner_id)
        self.assertEqual(len(self.mails_to("resend@example.com")), 2)
        user.sudo().lifecycle_state = "active"
        with self.assertRaisesText(UserError, "Only pending users"):
            user.action_resend_invite()

    def test_invitation_expires_after_the_configured_days(self):
        with freeze_time("2026-05-01 12:00:00"):
            user = self.invite("expiry@example.com")
            token = token_of(user.invite_url)
        Partner = self.env["res.partner"]
        with freeze_time("2026-05-07 11:00:00"):
            self.assertEqual(Partner._get_partner_from_token(token), user.partner_id)
        with freeze_time("2026-05-08 12:30:00"):
            self.assertFalse(
                Partner._get_partner_from_token(token), "7 days by default"
            )
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.signup.validity.hours", 48
        )
        user.invalidate_recordset(["invite_url"])
        with freeze_time("2026-05-01 12:00:00"):
            token = token_of(user.invite_url)
        with freeze_time("2026-05-03 13:00:00"):
            self.assertFalse(Partner._get_partner_from_token(token))

    def test_copy_invite_link_only_while_invited(self):
        user = self.invite("link@example.com").with_user(self.user_manager)
        action = user.action_copy_invite_link()
        self.assertEqual(
            (action["res_model"], action["res_id"], action["target"]),
            ("res.users", user.id, "new"),
        )
        self.assertIn("/web/signup?", user.invite_url)
        with self.assertRaises(AccessError):
            user.with_user(self.salesman).action_copy_invite_link()
        user.sudo().lifecycle_state = "active"
        self.assertFalse(user.invite_url)
        with self.assertRaisesText(UserError, "Only a pending user"):
            user.action_copy_invite_link()

    def test_email_unique_case_insensitive(self):
        self.invite("Jane.Doe@example.com")
        with self.assertRaisesText(ValidationError, "already uses the email"):
            self.invite("jane.doe@EXAMPLE.com")
        other = self.invite("other@example.com")
        with self.assertRaisesText(ValidationError, "already uses the email"):
            other.email = "JANE.DOE@example.com"
        with self.assertRaisesText(ValidationError, "already uses the email"):
            other.partner_id.email = " jane.doe@example.com"

    def test_invited_login_is_the_email(self):
        user = self.env["res.users"].create(
            {"name": "Login", "login": "login.is.mail@example.com"}
        )
        self.assertEqual(user.email, "login.is.mail@example.com")

    def test_delete_on_users_screen_archives_and_keeps_data(self):
        user = self.invite("leaver@example.com")
        lead = self.env["crm.lead"].create({"name": "Kept lead", "user_id": user.id})
        activity = lead.activity_schedule(
            "mail.mail_activity_data_todo", user_id=user.id
        )
        message = lead.message_post(body="note", author_id=user.partner_id.id)
        user.with_user(self.user_manager).with_context(
            crm_user_management_archive_on_delete=True
        ).unlink()
        self.assertTrue(user.exists())
        self.assertEqual((user.active, user.lifecycle_state), (False, "archived"))
        self.assertEqual(lead.user_id, user)
        self.assertEqual(activity.user_id, user)
        self.assertEqual(message.author_id, user.partner_id)
        archived = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("active", "=", False), ("login", "=", "leaver@example.com")])
        )
        self.assertEqual(archived, user, "'Show archived' brings them back")
        stock_action = self.env.ref("base.action_res_users")
        self.assertIn("crm_user_management_archive_on_delete", stock_action.context)

    def test_hard_unlink_of_data_owner_refused(self):
        user = self.invite("owner.of.data@example.com")
        self.env["crm.lead"].create({"name": "Owned", "user_id": user.id})
        with self.assertRaisesText(UserError, "still own leads or activities"):
            user.unlink()
        bare = self.invite("bare@example.com")
        bare.unlink()
        self.assertFalse(bare.exists())

    def test_existing_users_were_active_at_install(self):
        """Users that existed at install: active ones are Active, archived ones
        (OdooBot, the public user) Archived (pre_init_hook)."""
        self.assertEqual(self.env.ref("base.user_admin").lifecycle_state, "active")
        self.assertEqual(self.env.ref("base.user_demo").lifecycle_state, "active")
        for xmlid in ("base.public_user", "base.user_root"):
            user = self.env.ref(xmlid)
            self.assertFalse(user.active, xmlid)
            self.assertEqual(user.lifecycle_state, "archived", xmlid)
