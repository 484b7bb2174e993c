# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CrmUserManagementCommon

WHEN = {"start": "2026-12-02 10:00:00", "stop": "2026-12-02 11:00:00"}


@tagged("post_install", "-at_install", "crm_roles", "crm_entities")
class TestRegisteredEntities(CrmUserManagementCommon):
    """Implementers put another model under the matrix: meetings here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closer_role = cls.env.ref("crm_user_management.role_closer")
        cls.setter_role = cls.env.ref("crm_user_management.role_setter")
        cls.narrowed = cls.make_role_user("cum_ent_narrowed", cls.closer_role)
        cls.wide = cls.make_role_user("cum_ent_wide", cls.setter_role)
        # each holds one role only (not the default role beside it)
        cls.narrowed.set_roles(cls.closer_role.ids)
        cls.wide.set_roles(cls.setter_role.ids)
        Event = cls.env["calendar.event"]
        cls.own_meeting = Event.create(
            dict(WHEN, name="Narrowed's meeting", user_id=cls.narrowed.id)
        )
        cls.other_meeting = Event.create(
            dict(WHEN, name="Someone else's meeting", user_id=cls.wide.id)
        )
        cls.meetings = cls.own_meeting | cls.other_meeting

    def register_meetings(self):
        return self.env["crm.role.entity"].create(
            {
                "name": "Meetings",
                "code": "meeting",
                "model_id": self.env["ir.model"]._get_id("calendar.event"),
                "owner_field_id": self.env["ir.model.fields"]
                ._get("calendar.event", "user_id")
                .id,
            }
        )

    def seen(self, user):
        Event = self.env["calendar.event"].with_user(user)
        found = Event.search([("id", "in", self.meetings.ids)])
        groups = Event.read_group(
            [("id", "in", self.meetings.ids)], ["user_id"], ["user_id"]
        )
        self.assertEqual(sum(g["user_id_count"] for g in groups), len(found))
        return found

    def test_registering_changes_nobodys_access(self):
        self.assertEqual(self.seen(self.narrowed), self.meetings)
        entity = self.register_meetings()
        rows = self.env["crm.role.permission"].search([("entity", "=", "meeting")])
        roles = (
            self.env["res.groups"]
            .with_context(active_test=False)
            .search([("is_role", "=", True)])
        )
        self.assertEqual(rows.group_id, roles, "every role has a row")
        self.assertEqual(set(rows.mapped("view_scope")), {"all"})
        for user in (self.narrowed, self.wide):
            self.assertEqual(self.seen(user), self.meetings)
            self.assertEqual(user.get_effective_permissions()["meeting"]["view"], "all")
        # a role made now starts at the entity's default scope
        role = self.make_role("After meetings")
        self.assertEqual(role._crm_scopes()["meeting"]["view"], "all")
        self.assertEqual(entity.default_scope, "all")

    def test_own_scope_limits_holders_to_their_meetings(self):
        self.register_meetings()
        self.closer_role.set_role_permission("meeting", "delete", "own")
        self.closer_role.set_role_permission("meeting", "edit", "own")
        self.closer_role.set_role_permission("meeting", "view", "own")
        self.assertEqual(self.seen(self.narrowed), self.own_meeting)
        with self.assertRaises(AccessError):
            self.other_meeting.with_user(self.narrowed).read(["name"])
        self.assertEqual(
            self.own_meeting.with_user(self.narrowed).read(["name"])[0]["name"],
            "Narrowed's meeting",
        )
        # roles left at all see every meeting
        self.assertEqual(self.seen(self.wide), self.meetings)
        # leads keep their own scopes
        self.assertEqual(
            self.narrowed.get_effective_permissions()["deal"],
            self.closer_role._crm_scopes()["deal"],
        )

    def test_archiving_the_entity_gives_stock_access_back(self):
        entity = self.register_meetings()
        self.closer_role.set_role_permission("meeting", "delete", "none")
        self.closer_role.set_role_permission("meeting", "edit", "none")
        self.closer_role.set_role_permission("meeting", "view", "own")
        self.assertEqual(self.narrowed.crm_role_ids, self.closer_role)
        rules = self.env["ir.rule"].search(
            [("crm_generated", "=", True), ("model_id.model", "=", "calendar.event")]
        )
        self.assertTrue(rules, "meetings have compiled rules")
        self.assertEqual(self.seen(self.narrowed), self.own_meeting)
        entity.active = False
        self.assertFalse(
            self.env["crm.role.permission"].search([("entity", "=", "meeting")])
        )
        self.assertFalse(
            self.env["ir.rule"].search(
                [
                    ("crm_generated", "=", True),
                    ("model_id.model", "=", "calendar.event"),
                ]
            )
        )
        self.assertEqual(self.seen(self.narrowed), self.meetings)
        self.assertNotIn("meeting", self.narrowed.get_effective_permissions())
        # back again: every role at the default scope
        entity.active = True
        self.assertEqual(self.seen(self.narrowed), self.meetings)
        entity.unlink()
        self.assertEqual(self.seen(self.narrowed), self.meetings)

    def test_only_owner_and_admins_register(self):
        with self.assertRaises(AccessError):
            self.env["crm.role.entity"].with_user(self.narrowed).create(
                {
                    "name": "Meetings",
                    "code": "meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "owner_field_id": self.env["ir.model.fields"]
                    ._get("calendar.event", "user_id")
                    .id,
                }
            )

    def test_bad_registrations_are_refused(self):
        fields = self.env["ir.model.fields"]
        with self.assertRaises(ValidationError):
            self.env["crm.role.entity"].create(
                {
                    "name": "Meetings",
                    "code": "meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "owner_field_id": fields._get("crm.lead", "user_id").id,
                }
            )
        with self.assertRaises(ValidationError):
            self.env["crm.role.entity"].create(
                {
                    "name": "Meetings",
                    "code": "meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "owner_field_id": fields._get("calendar.event", "user_id").id,
                    "domain": "[('no_such_field', '=', 1)]",
                }
            )

    def test_the_five_entities_are_records(self):
        codes = self.env["crm.role.entity"].search([]).mapped("code")
        self.assertEqual(codes, ["lead", "deal", "contact", "company", "activity"])
        self.assertEqual(
            self.env.ref("crm_user_management.entity_deal").model, "crm.lead"
        )
