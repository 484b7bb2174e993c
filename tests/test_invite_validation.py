# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CrmUserManagementCommon


@tagged("post_install", "-at_install")
class TestInviteValidation(CrmUserManagementCommon):
    """The invite wizard invites every line or none, and says which are wrong."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closer_role = cls.env.ref("crm_user_management.role_closer")
        cls.owner_role = cls.env.ref("crm_user_management.role_owner")

    def wizard(self, paste=None, lines=()):
        Wizard = self.env["crm.user.invite.wizard"].with_user(self.user_manager)
        return Wizard.create(
            {"paste_text": paste, "line_ids": [(0, 0, vals) for vals in lines]}
        )

    def counts(self):
        Users = self.env["res.users"].with_context(active_test=False)
        return Users.search_count([]), self.env["mail.mail"].sudo().search_count([])

    def refused(self, paste=None, lines=()):
        """Send as the user manager; return the message of the refusal, once
        checked that no user and no mail was created."""
        before = self.counts()
        wizard = self.wizard(paste, lines)
        # no assertRaises: its savepoint would undo a half-written batch
        try:
            wizard.action_send()
        except UserError as error:
            message = str(error)
        else:
            self.fail(f"{str(paste or lines)[:80]!r} was invited")
        self.assertEqual(self.counts(), before, "nothing created")
        self.assertTrue(message.startswith("Nothing was sent:"), message)
        return message

    def test_malformed_addresses_are_refused_one_by_one(self):
        cases = {
            "@b.com": "Nothing comes before the @",
            "x@y..com": "empty part",
            "x@-bad-.com": "hyphen",
            "broken@@x": "exactly one @",
            "a b@c.com": "space",
            "<script>alert(1)</script>@x.com": "characters mail servers refuse",
            "x@y": "no dot",
            "x@example.123": "number",
            "x.@example.com": "dot",
            '"quoted"@example.com': "characters mail servers refuse",
        }
        for address, reason in cases.items():
            with self.subTest(address=address):
                message = self.refused(paste=address)
                self.assertIn(f"Line 1 (`{address}`): '{address}'", message)
                self.assertIn("is not a valid email address", message)
                self.assertIn(reason, message)

    def test_no_address_is_extracted_from_a_longer_text(self):
        message = self.refused(paste="a b@c.com\nJane Doe,a b@c.com")
        self.assertIn("Line 1 (`a b@c.com`)", message)
        self.assertIn("Line 2 (`Jane Doe,a b@c.com`)", message)
        self.assertFalse(self.env["res.users"].search([("login", "=", "b@c.com")]))

    def test_lengths(self):
        domain = "@example.com"
        long_address = "a" * (10000 - len(domain)) + domain
        message = self.refused(paste=long_address)
        self.assertIn("10000 characters long; at most 254", message)
        self.assertLess(len(message), 1000, "the address is not quoted whole")
        local = "a" * 65 + domain
        self.assertIn("at most 64", self.refused(paste=local))
        label = "x@" + "a" * 64 + ".com"
        self.assertIn("longer than 63", self.refused(paste=label))
        # 255 characters of valid labels
        labels = ".".join(["a" * 63] * 3 + ["b" * 57])
        too_long = "x@" + labels + ".com"
        self.assertEqual(len(too_long), 255)
        self.assertIn("at most 254", self.refused(paste=too_long))
        Wizard = self.env["crm.user.invite.wizard"]
        just_right = "a" * 64 + "@" + ".".join(["b" * 63] * 2 + ["c" * 57] + ["com"])
        self.assertEqual(len(just_right), 254)
        self.assertEqual(Wizard._crm_check_address(just_right), (just_right, False))

    def test_one_bad_line_blocks_the_whole_batch(self):
        # the size of the batch of the issue
        good = [f"user{i}@example.com" for i in range(5000)]
        good[4321] = "broken@@x"
        message = self.refused(paste="\n".join(good))
        self.assertIn("Line 4322 (`broken@@x`)", message)
        self.assertEqual(message.count("Line "), 1, message)
        self.assertFalse(
            self.env["res.users"].search([("login", "=like", "user%@example.com")])
        )

    def test_every_bad_line_is_reported(self):
        message = self.refused(
            paste="ok@example.com\n@b.com\n\nx@y..com\nfine@example.com\nx@-bad-.com"
        )
        self.assertIn("Line 2 (`@b.com`)", message)
        self.assertIn("Line 3 (pasted line 4, `x@y..com`)", message)
        self.assertIn("Line 5 (pasted line 6, `x@-bad-.com`)", message)
        self.assertNotIn("ok@example.com", message)
        self.assertNotIn("fine@example.com", message)

    def test_unbalanced_quote_stays_on_its_line(self):
        message = self.refused(
            paste='"Doe, John,john@example.com\nbad@@next.com\nnext@example.com'
        )
        self.assertIn('Line 1 (`"Doe, John,john@example.com`)', message)
        self.assertIn("unbalanced quote", message)
        self.assertIn("Line 2 (`bad@@next.com`)", message)
        self.assertNotIn("Line 3", message)
        # the line after the quote was parsed on its own: fixed, all go
        wizard = self.wizard(
            paste='"Doe, John",john@example.com\nnext@example.com\n'
            '"Roe; Ann" <ann@example.com>'
        )
        wizard.action_send()
        users = self.env["res.users"].search(
            [
                (
                    "login",
                    "in",
                    ["john@example.com", "next@example.com", "ann@example.com"],
                )
            ]
        )
        self.assertEqual(
            sorted(users.mapped("name")), ["Doe, John", "Roe; Ann", "next"]
        )

    def test_lines_that_say_two_things_are_refused(self):
        message = self.refused(
            paste="a@example.com,b@example.com\nAnn,ann@example.com,Sales\n"
            "Bob <bob@example.com>,Robert"
        )
        self.assertIn("Line 1 (`a@example.com,b@example.com`): ", message)
        self.assertIn("two addresses", message)
        self.assertIn("Line 2 (`Ann,ann@example.com,Sales`): ", message)
        self.assertIn("3 columns", message)
        self.assertIn("Line 3 (`Bob <bob@example.com>,Robert`): ", message)
        self.assertIn("two names", message)

    def test_the_form_keeps_the_pasted_text(self):
        """The pasted text survives the save of the dialog, for the message."""
        form = Form(self.env["crm.user.invite.wizard"].with_user(self.user_manager))
        form.paste_text = "good@example.com\nAnn,a b@c.com"
        self.assertIn("It contains a space.", form.line_ids.edit(1).problem)
        self.assertFalse(form.line_ids.edit(0).problem)
        wizard = form.save()
        before = self.counts()
        with self.assertRaises(UserError) as error:
            wizard.action_send()
        self.assertIn("Line 2 (`Ann,a b@c.com`): 'a b@c.com'", str(error.exception))
        self.assertEqual(self.counts(), before)
        # fixed in the list, the line no longer carries the pasted problem
        with Form(wizard) as form, form.line_ids.edit(1) as line:
            line.email = "ann@example.com"
        wizard.action_send()
        self.assertEqual(
            self.env["res.users"].search([("login", "=", "ann@example.com")]).name,
            "Ann",
        )

    def test_a_group_that_is_no_role_is_refused(self):
        system = self.env.ref("base.group_system")
        message = self.refused(
            lines=[
                {"email": "fine@example.com"},
                {"email": "root@example.com", "role_id": system.id},
            ]
        )
        self.assertIn(f"Line 2: {system.display_name} is not a role.", message)
        self.assertNotIn("Line 1", message)
        self.assertFalse(system.users.filtered(lambda u: u.login == "root@example.com"))

    def test_the_owner_role_is_refused(self):
        message = self.refused(
            lines=[{"email": "boss@example.com", "role_id": self.owner_role.id}]
        )
        self.assertIn("Line 1: ", message)
        self.assertIn("Owner", message)

    def test_problems_show_on_the_lines(self):
        system = self.env.ref("base.group_system")
        wizard = self.wizard(
            lines=[
                {"email": "broken@@x"},
                {"email": "ok@example.com", "role_id": system.id},
                {"email": "good@example.com", "role_id": self.closer_role.id},
            ]
        )
        problems = wizard.line_ids.mapped("problem")
        self.assertIn("exactly one @", problems[0])
        self.assertIn("is not a role", problems[1])
        self.assertFalse(problems[2])

    def test_delegate_gives_only_roles_within_their_rights(self):
        delegate = self.make_role_user(
            "cum_invite_delegate",
            self.env.ref("crm_user_management.role_sales_manager"),
        )
        wide_role = self.make_role(
            "Invite Deleter",
            {("lead", action): "all" for action in ("view", "edit", "delete")},
        )
        setter = self.env.ref("crm_user_management.role_setter")
        admin = self.env.ref("crm_user_management.role_admin")
        Wizard = self.env["crm.user.invite.wizard"]
        problems = Wizard.with_user(delegate)._crm_role_problems(
            setter | wide_role | admin | self.owner_role
        )
        self.assertFalse(problems[setter])
        self.assertIn("goes beyond your own rights", problems[wide_role])
        self.assertIn("Only the Owner and Admins", problems[admin])
        self.assertIn("Owner", problems[self.owner_role])
        # a user manager gives any role but the Owner
        problems = Wizard.with_user(self.user_manager)._crm_role_problems(
            setter | wide_role | admin | self.owner_role
        )
        self.assertEqual(
            [role for role, problem in problems.items() if problem], [self.owner_role]
        )

    def test_good_addresses_are_invited(self):
        team = self.env["crm.team"].create({"name": "Validators"})
        wizard = self.wizard(
            paste="first.last+tag@sub.example.co.uk\n"
            "o'neil@example.com\n"
            "Mixed Case <Mixed.Case@Example.COM>\n"
            "semi@example.com;Semi Colon\n"
            "Tab Bed\ttab@example.com\n"
            "  spaced@example.com  \n"
            "x@xn--bcher-kva.example\n"
            "weird!#$%&*/=?^_`{|}~-@example.com\n",
            lines=[
                {
                    "email": "role@example.com",
                    "role_id": self.closer_role.id,
                    "team_id": team.id,
                }
            ],
        )
        self.assertFalse(any(wizard.line_ids.mapped("problem")))
        wizard.action_send()
        expected = {
            "first.last+tag@sub.example.co.uk": "first.last+tag",
            "o'neil@example.com": "o'neil",
            "mixed.case@example.com": "Mixed Case",
            "semi@example.com": "Semi Colon",
            "tab@example.com": "Tab Bed",
            "spaced@example.com": "spaced",
            "x@xn--bcher-kva.example": "x",
            "weird!#$%&*/=?^_`{|}~-@example.com": "weird!#$%&*/=?^_`{|}~-",
            "role@example.com": "role",
        }
        users = self.env["res.users"].search([("login", "in", list(expected))])
        self.assertEqual({u.login: u.name for u in users}, expected)
        for user in users:
            self.assertEqual(user.email, user.login)
            self.assertTrue(self.mails_to(user.login))
        role_user = users.filtered(lambda u: u.login == "role@example.com")
        self.assertEqual(role_user.role_ids, self.closer_role)
        self.assertEqual(role_user.crm_team_ids, team)

    def test_address_validator(self):
        check = self.env["crm.user.invite.wizard"]._crm_check_address
        for address in (
            "first.last+tag@sub.example.co.uk",
            "o'neil@example.com",
            "a@b.co",
            "x@bücher.example",
            "x_y@a-b.example.com",
        ):
            with self.subTest(address=address):
                self.assertEqual(check(address), (address, False))
        self.assertEqual(check("Ann@Example.COM"), ("ann@example.com", False))
        for address in (
            "",
            "@b.com",
            "a@",
            "x@y..com",
            "x@.y.com",
            "x@y.com.",
            "x@-bad-.com",
            "x@bad-.com",
            "broken@@x",
            "a b@c.com",
            "a@b.com\t",
            "<script>alert(1)</script>@x.com",
            "Name <a@b.com>",
            '"a"@b.com',
            "a..b@c.com",
            ".a@c.com",
            "a@[127.0.0.1]",
            "a@127.0.0.1",
            "a@localhost",
            "a@exa_mple.com",
            "josé@example.com",
            "a@b.com,c@d.com",
        ):
            with self.subTest(address=address):
                normalized, problem = check(address)
                self.assertFalse(normalized)
                self.assertTrue(problem)
