# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CrmUserManagementCase


@tagged("post_install", "-at_install", "crm_ui")
class TestInviteTour(CrmUserManagementCase, HttpCase):
    def test_invite_tour(self):
        self.set_seat_limit(self.used_seats() + 10)
        used = self.used_seats()
        self.start_tour("/odoo", "crm_user_management_invite_tour", login="admin")
        users = self.env["res.users"].search(
            [("login", "in", ["tour.one@example.com", "tour.two@example.com"])]
        )
        self.assertEqual(len(users), 2)
        self.assertEqual(set(users.mapped("lifecycle_state")), {"invited"})
        self.assertEqual(self.used_seats(), used + 2)


@tagged("post_install", "-at_install", "crm_ui")
class TestVisibilityGroupTour(CrmUserManagementCase, HttpCase):
    def test_visibility_group_tour(self):
        group = self.make_visibility_group("Tour Group")
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour guarded lead",
                "visibility": "groups",
                "visibility_group_ids": [(6, 0, group.ids)],
            }
        )
        self.start_tour(
            "/odoo", "crm_user_management_visibility_group_tour", login="admin"
        )
        self.assertFalse(group.exists())
        self.assertEqual(lead.visibility, "everyone")
        self.assertTrue(
            self.env["res.groups"].search(
                [("name", "=", "Tour New Group"), ("is_visibility_group", "=", True)]
            )
        )
