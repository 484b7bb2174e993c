# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CrmUserManagementCommon


@tagged("post_install", "-at_install", "crm_invitations")
class TestInviteWizard(CrmUserManagementCommon):
    def wizard(self, paste=None, lines=(), user=None):
        Wizard = self.env["crm.user.invite.wizard"].with_user(user or self.user_manager)
        return Wizard.create(
            {"paste_text": paste, "line_ids": [(0, 0, vals) for vals in lines]}
        )

    def test_paste_formats(self):
        parse = self.env["crm.user.invite.wizard"]._crm_parse_paste
        self.assertEqual(
            parse(
                "a@example.com\n\nJohn Doe,john@example.com\n"
                " Jane <jane@example.com>\nbob@example.com,Bob\n"
            ),
            [
                {"name": False, "email": "a@example.com"},
                {"name": "John Doe", "email": "john@example.com"},
                {"name": "Jane", "email": "jane@example.com"},
                {"name": "Bob", "email": "bob@example.com"},
            ],
        )

    def test_paste_fills_lines_in_the_form(self):
        form = Form(self.env["crm.user.invite.wizard"].with_user(self.user_manager))
        form.paste_text = "one@example.com\nTwo,two@example.com"
        self.assertEqual(len(form.line_ids), 2)
        self.assertFalse(form.paste_text)
        self.assertEqual(form.line_ids.edit(1).name, "Two")

    def test_invites_all_with_team_and_queued_mail(self):
        team = self.env["crm.team"].create({"name": "Closers"})
        wizard = self.wizard(
            paste="ann@example.com\nBen Bright,BEN@example.com",
            lines=[{"email": "cat@example.com", "name": "Cat", "team_id": team.id}],
        )
        used = self.used_seats()
        action = wizard.action_send()
        users = self.env["res.users"].search(
            [("login", "in", ["ann@example.com", "ben@example.com", "cat@example.com"])]
        )
        self.assertEqual(len(users), 3)
        self.assertEqual(set(users.mapped("lifecycle_state")), {"invited"})
        self.assertEqual(
            users.filtered(lambda u: u.login == "ben@example.com").name, "Ben Bright"
        )
        self.assertEqual(
            users.filtered(lambda u: u.login == "ann@example.com").name, "ann"
        )
        self.assertEqual(
            users.filtered(lambda u: u.login == "cat@example.com").crm_team_ids, team
        )
        self.assertEqual(self.used_seats(), used + 3)
        for login in users.mapped("login"):
            self.assertEqual(self.mails_to(login).state, "outgoing")
        self.assertIn("3 invitation(s) queued", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["context"]["search_default_crm_filter_pending"], 1
        )

    def test_invited_users_are_set_up_like_stock_users(self):
        """What the batch creation does in bulk ends as stock's user by user."""
        template = self.env.ref("base.default_user")
        template.calendar_default_privacy = "private"
        self.wizard(
            lines=[{"email": "dee@example.com"}, {"email": "eve@example.com"}]
        ).action_send()
        Users = self.env["res.users"]
        users = Users.search([("login", "in", ["dee@example.com", "eve@example.com"])])
        Users.web_create_users(["web@example.com"])
        users |= Users.search([("login", "=", "web@example.com")])
        stock = Users.with_context(no_reset_password=True).create(
            {"name": "Stock", "login": "stock@example.com"}
        )
        inbox = self.env.ref("mail.group_mail_notification_type_inbox")
        for user in users | stock:
            self.assertEqual(
                user.res_users_settings_id.calendar_default_privacy, "private"
            )
            self.assertEqual(user.calendar_default_privacy, "private")
            self.assertEqual(user.notification_type, "email")
            self.assertNotIn(inbox, user.groups_id)
            self.assertIn(b"<svg", base64.b64decode(user.avatar_128), "initials")
        self.assertEqual(
            users.mapped("groups_id"), stock.groups_id, "the same default groups"
        )
        self.assertEqual(
            (users | stock).res_users_settings_ids.user_id, users | stock, "one each"
        )
        users[1].with_user(users[1]).calendar_default_privacy = "confidential"
        self.assertEqual(
            users[1].res_users_settings_id.calendar_default_privacy, "confidential"
        )
        self.assertEqual(users[0].calendar_default_privacy, "private")
        # the groups computed once for a batch are not kept for the next one
        extra = self.env["res.groups"].create({"name": "Given by the template"})
        self.assertNotIn(extra, stock.groups_id)
        self.give_new_users(extra)
        self.wizard(
            lines=[{"email": "fay@example.com"}, {"email": "gus@example.com"}]
        ).action_send()
        later = Users.search([("login", "in", ["fay@example.com", "gus@example.com"])])
        self.assertEqual(len(later), 2)
        for user in later:
            self.assertIn(extra, user.groups_id)
            self.assertEqual(len(user.res_users_settings_ids), 1)
        for user in users:
            self.assertFalse(user.partner_id.message_ids, "no 'Contact created'")
            self.assertNotIn(
                self.user_manager.partner_id,
                user.partner_id.message_partner_ids,
                "the inviter does not follow each invitee's contact",
            )
        archived = Users.create(
            {"name": "Gone", "login": "gone@example.com", "active": False}
        )
        self.assertFalse(archived.partner_id.active)
        portal = Users.create(
            {
                "name": "Portal",
                "login": "portal@example.com",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertIn("Portal Access Granted", portal.partner_id.message_ids.body)
        portal.with_user(portal)._update_last_login()
        self.assertEqual(portal.lifecycle_state, "active")
        self.assertFalse(portal.image_1920, "no initials avatar for portal users")
        # not invited: stock's stored initials avatar
        self.assertIn(b"<svg", base64.b64decode(stock.image_1920))
        # invited: the initials show, computed, and are stored at the first login
        for user in users:
            self.assertFalse(user.image_1920)
        user = users[0]
        avatar = user.avatar_128
        user.with_user(user)._update_last_login()
        self.assertEqual(user.lifecycle_state, "active")
        self.assertEqual(user.image_1920, avatar, "the same initials, now stored")
        self.assertEqual(user.image_128, avatar)
        self.assertFalse(users[1].image_1920)

    def test_validates_everything_first_and_sends_nothing(self):
        self.invite("Taken@example.com")
        parse = self.env["crm.user.invite.wizard"]._crm_parse_paste
        wizard = self.wizard(
            lines=parse(
                "good@example.com\nnot-an-email\ndup@example.com\nDUP@example.com\ntaken@EXAMPLE.com"
            )
        )
        with self.assertRaises(UserError) as err:
            wizard.action_send()
        message = str(err.exception)
        self.assertIn("Line 2: 'not-an-email' is not a valid email address.", message)
        self.assertIn("Line 4: dup@example.com appears twice in this list.", message)
        self.assertIn("Line 5: taken@example.com is already a user.", message)
        self.assertNotIn("Line 1", message)
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "good@example.com")])
        )
        self.assertFalse(self.mails_to("good@example.com"))
        problems = dict(
            zip(
                wizard.line_ids.mapped("email"),
                wizard.line_ids.mapped("problem"),
                strict=True,
            )
        )
        self.assertFalse(problems["good@example.com"])
        self.assertIn("already a user", problems["taken@EXAMPLE.com"])

    def test_not_enough_seats(self):
        self.set_seat_limit(self.used_seats() + 1)
        wizard = self.wizard(
            lines=[{"email": "s1@example.com"}, {"email": "s2@example.com"}]
        )
        self.assertIn("1 seat(s) free", wizard.seat_warning)
        with self.assertRaisesText(
            UserError, "Not enough seats: 2 invitations, 1 seat"
        ):
            wizard.action_send()
        self.assertFalse(
            self.env["res.users"].search(
                [("login", "in", ["s1@example.com", "s2@example.com"])]
            )
        )
        self.assertEqual(wizard.seats_free, 1)

    def test_empty_wizard(self):
        with self.assertRaisesText(UserError, "at least one"):
            self.wizard().action_send()

    def test_salesman_cannot_invite(self):
        with self.assertRaises(AccessError):
            self.wizard(paste="a@example.com", user=self.salesman)

    def test_reachable_from_users_list_and_settings(self):
        action = (
            self.env["res.users"]
            .with_user(self.user_manager)
            .action_crm_open_invite_wizard()
        )
        self.assertEqual(
            (action["res_model"], action["target"]), ("crm.user.invite.wizard", "new")
        )
        action = self.env["res.config.settings"].create({}).action_crm_invite_users()
        self.assertEqual(action["res_model"], "crm.user.invite.wizard")


@tagged("post_install", "-at_install", "crm_invitations", "crm_query_count")
class TestQueryCounts(CrmUserManagementCommon):
    """Batch paths stay batched: their query counts do not grow with the
    number of users or records (a per-record loop would)."""

    def _queries(self, call):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        call()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _invite(self, prefix, count):
        text = "\n".join(f"{prefix}{i}@example.com" for i in range(count))
        wizard = self.env["crm.user.invite.wizard"].create({"paste_text": text})
        return lambda: wizard.action_send()

    def test_batch_invitation(self):
        self._queries(self._invite("warm", 2))  # caches of the first call
        small = self._queries(self._invite("small", 5))
        large = self._queries(self._invite("large", 45))
        # 40 more users, the same queries (measured: 99 and 99); one query
        # per user would add 40
        self.assertLessEqual(large - small, 10, (small, large))

    def test_visibility_group_fallback(self):
        def delete_group_guarding(count, tag):
            group = self.make_visibility_group(f"Fallback {tag}")
            self.env["crm.lead"].create(
                [
                    {
                        "name": f"{tag} {i}",
                        "visibility": "groups",
                        "visibility_group_ids": [(6, 0, group.ids)],
                    }
                    for i in range(count)
                ]
            )
            return lambda: group._crm_visibility_fallback()

        self._queries(delete_group_guarding(2, "warm"))
        small = self._queries(delete_group_guarding(5, "small"))
        large = self._queries(delete_group_guarding(200, "large"))
        # measured: 9 and 9 queries for 5 and 200 leads
        self.assertLessEqual(large - small, 2, (small, large))
