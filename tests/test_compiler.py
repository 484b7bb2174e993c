# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_user_management.models.crm_access_compiler import (
    entity_union,
    exceeds,
    scope_term,
    ungoverned_terms,
    widest,
)


@tagged("post_install", "-at_install", "crm_roles", "crm_compiler")
class TestCompilerText(TransactionCase):
    """The text of the generated rules, pinned for a known matrix."""

    def setUp(self):
        super().setUp()
        self.entities = self.env["crm.role.entity"]._crm_by_code()

    def test_scope_meaning(self):
        self.assertEqual(widest(["own", "none", "team"]), "team")
        self.assertEqual(widest([]), "none")
        self.assertTrue(exceeds("all", "team"))
        self.assertFalse(exceeds("own", "own"))

    def test_lead_terms(self):
        lead, deal = self.entities["lead"], self.entities["deal"]
        self.assertEqual(scope_term(lead, "own"), ["('user_id', '=', user.id)"])
        self.assertEqual(
            scope_term(lead, "team"),
            [
                "'|'",
                "('user_id', '=', user.id)",
                "('team_id.member_ids', 'in', [user.id])",
            ],
        )
        # one scope over leads and deals: the scope alone
        own = scope_term(lead, "own")
        self.assertEqual(entity_union([lead, deal], {"lead": own, "deal": own}), own)
        self.assertEqual(
            entity_union([lead, deal], {"lead": own, "deal": scope_term(deal, "none")}),
            ["'&'", "('type', '=', 'lead')", "('user_id', '=', user.id)"],
        )

    def test_contacts_team_through_owner(self):
        contact = self.entities["contact"]
        self.assertEqual(
            scope_term(contact, "team"),
            [
                "'|'",
                "('user_id', '=', user.id)",
                "('user_id.crm_team_ids.member_ids', 'in', [user.id])",
            ],
        )

    def test_guard_text(self):
        lead, deal = self.entities["lead"], self.entities["deal"]
        own = scope_term(lead, "own")
        guard = self.env["crm.access.compiler"]._guard_domain(
            {
                7: entity_union([lead, deal], {"lead": own, "deal": own}),
                9: ["(1, '=', 1)"],
            },
            [],
        )
        self.assertEqual(
            guard,
            "(['|'] * (len(set(user.groups_id.ids) & {7, 9}) - 1) + "
            "([('user_id', '=', user.id)] if 7 in user.groups_id.ids else []) + "
            "([(1, '=', 1)] if 9 in user.groups_id.ids else [])) "
            "if set(user.groups_id.ids) & {7, 9} else [(1, '=', 1)]",
        )

    def test_ungoverned_activities(self):
        activity = self.entities["activity"]
        self.assertEqual(
            ungoverned_terms("mail.activity", [activity]),
            ["('res_model', 'not in', ['crm.lead', 'res.partner'])"],
        )
        self.assertEqual(
            ungoverned_terms(
                "crm.lead", [self.entities["lead"], self.entities["deal"]]
            ),
            [],
        )

    def test_visibility_rule_text(self):
        """The global visibility rules: literal domains, with one bypass for
        the Owner and Admins; a contact also follows its parent and company."""
        rules = {
            vals["name"]: vals["domain_force"]
            for vals in self.env["crm.access.compiler"]._visibility_rule_vals()
        }
        groups = self.env["res.groups"]
        bypass = f"set({groups._crm_protected_roles().ids!r}) & set(user.groups_id.ids)"
        visible = (
            "['|', '|', ('user_id', '=', user.id), "
            "('visibility', '=', 'everyone'), "
            "'&', ('visibility', '=', 'groups'), "
            "('visibility_search_group_ids', 'in', user.groups_id.ids)]"
        )
        self.assertEqual(
            rules["CRM visibility: crm.lead"],
            f"[(1, '=', 1)] if {bypass} else {visible}",
        )

        def above(prefix):
            return (
                f"['&', ('{prefix}crm_trash_date', '=', False)] + "
                + visible.replace("('", f"('{prefix}")
            )

        self.assertEqual(
            rules["CRM visibility: res.partner"],
            f"[(1, '=', 1)] if {bypass} else "
            "['|', ('id', 'in', [user.partner_id.id, "
            "user.partner_id.commercial_partner_id.id]), '&'] + "
            f"{visible} + ['|', ('partner_share', '=', False), '&', '|', "
            f"('parent_id', '=', False)] + {above('parent_id.')} + "
            f"{above('commercial_partner_id.')}",
        )
        # every generated domain evaluates, for a user, to a domain
        rule_model = self.env["ir.rule"].with_user(self.env.ref("base.user_admin"))
        for name, text in rules.items():
            self.assertIsInstance(
                safe_eval(text, rule_model._eval_context()), list, name
            )
