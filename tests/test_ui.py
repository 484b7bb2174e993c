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


@tagged("post_install", "-at_install", "crm_ui")
class TestTeamTour(CrmUserManagementCase, HttpCase):
    def test_team_tour(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_user_management.seat_limit", 0
        )
        self.env.ref("base.user_admin").name = "Tour Owner"
        sam = self.make_role_user(
            "tour_sam",
            self.env.ref("crm_user_management.role_sales_manager"),
            name="Tour Sam",
        )
        closer_role = self.env.ref("crm_user_management.role_closer")
        closer = self.make_role_user("tour_closer", name="Tour Closer")
        closer.sudo().set_roles(closer_role.ids)
        self.start_tour("/odoo", "crm_user_management_team_tour", login="tour_sam")
        self.assertEqual(
            closer.crm_role_ids, self.env.ref("crm_user_management.role_setter")
        )
        invited = self.env["res.users"].search(
            [("login", "=", "tour.sam.invite@example.com")]
        )
        self.assertEqual(invited.lifecycle_state, "invited")
        self.assertEqual(invited.crm_role_ids, closer_role)
        self.assertEqual(
            self.env["crm.audit.log"]
            .search([("user_id", "=", closer.id)], order="id desc", limit=1)
            .author_id,
            sam,
        )


@tagged("post_install", "-at_install", "crm_ui")
class TestSuspendedTour(CrmUserManagementCase, HttpCase):
    def test_suspended_tour(self):
        steve = self.make_role_user(
            "tour_steve",
            self.env.ref("crm_user_management.role_closer"),
            name="Tour Steve",
        )
        steve.password = "steve-password-1"
        self.env.ref("base.user_admin").name = "Tour Owner"
        steve.sudo()._crm_write_derived({"lifecycle_state": "suspended"})
        self.start_tour("/web/login", "crm_user_management_suspended_tour", login=None)


@tagged("post_install", "-at_install", "crm_ui")
class TestTrashTour(CrmUserManagementCase, HttpCase):
    def test_trash_tour(self):
        olivia = self.make_role_user(
            "tour_olivia",
            self.env.ref("crm_user_management.role_admin"),
            name="Tour Olivia",
        )
        deal = self.env["crm.lead"].create(
            {"name": "Tour Trash Deal", "type": "opportunity", "user_id": olivia.id}
        )
        self.start_tour(
            f"/odoo/crm/{deal.id}",
            "crm_user_management_trash_tour",
            login="tour_olivia",
        )
        deal.invalidate_recordset()
        self.assertTrue(deal.exists())
        self.assertFalse(deal.crm_trash_date)
        self.assertTrue(
            self.env["crm.audit.log"].search(
                [("description", "=", "Restored from the trash")], limit=1
            )
        )


@tagged("post_install", "-at_install", "crm_ui")
class TestSignupTour(CrmUserManagementCase, HttpCase):
    def test_signup_tour(self):
        closer = self.env.ref("crm_user_management.role_closer")
        invited = self.env["res.users"].create(
            {
                "name": "Tour Invitee",
                "login": "tour.invitee@example.com",
                "email": "tour.invitee@example.com",
                "groups_id": [
                    (6, 0, (self.env["res.users"]._default_groups() | closer).ids)
                ],
            }
        )
        link = invited.invite_url
        self.assertTrue(link)
        # a browser far from Brussels: Odoo's first login would take its zone
        self.start_tour(
            link.replace(self.base_url(), ""),
            "crm_user_management_signup_tour",
            login=None,
            cookies={"tz": "America/New_York"},
        )
        invited.invalidate_recordset()
        self.assertEqual(invited.lifecycle_state, "active")
        self.assertEqual(invited.tz, "Europe/Brussels")


@tagged("post_install", "-at_install", "crm_ui")
class TestRoleTours(CrmUserManagementCase, HttpCase):
    def test_role_matrix_tour(self):
        role = self.make_role(
            "Tour Matrix Role", {("lead", "view"): "own", ("lead", "edit"): "own"}
        )
        self.start_tour("/odoo", "crm_user_management_role_matrix_tour", login="admin")
        lead_row = role.role_permission_ids.filtered(lambda p: p.entity == "lead")
        self.assertEqual(lead_row.edit_scope, "own")
        copy = self.env["res.groups"].search(
            [("name", "=", "Tour Matrix Role (Copy)"), ("is_role", "=", True)]
        )
        self.assertEqual(len(copy), 1)
        self.assertEqual(copy._crm_scopes(), role._crm_scopes())
        self.assertFalse(copy.users)

    def test_role_delete_tour(self):
        role = self.make_role("Tour Temp Role", {("lead", "view"): "own"})
        user = self.make_role_user("tour_temp", role, name="Tour Temp User")
        self.start_tour("/odoo", "crm_user_management_role_delete_tour", login="admin")
        self.assertFalse(role.exists())
        self.assertIn(
            self.env.ref("crm_user_management.role_setter"), user.crm_role_ids
        )

    def test_widen_tour(self):
        chloe = self.make_role_user(
            "tour_chloe",
            self.env.ref("crm_user_management.role_closer"),
            name="Tour Chloe",
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour private lead",
                "type": "opportunity",
                "user_id": chloe.id,
                "visibility": "private",
            }
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}",
            "crm_user_management_widen_tour",
            login="tour_chloe",
        )
        self.assertEqual(lead.visibility, "everyone")


@tagged("post_install", "-at_install", "crm_ui")
class TestSeatRefreshTour(CrmUserManagementCase, HttpCase):
    def test_seat_refresh_tour(self):
        self.set_seat_limit(self.used_seats() + 10)
        leaver = self.make_role_user(
            "tour_leaver",
            self.env.ref("crm_user_management.role_closer"),
            name="Tour Leaver",
        )
        self.start_tour("/odoo", "crm_user_management_seat_refresh_tour", login="admin")
        self.assertFalse(leaver.active)
        self.assertEqual(leaver.lifecycle_state, "archived")


@tagged("post_install", "-at_install", "crm_ui")
class TestAdminUserFormTour(CrmUserManagementCase, HttpCase):
    def test_admin_user_form_tour(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_user_management.seat_limit", 0
        )
        self.env.ref("base.user_admin").name = "Tour Owner"
        self.make_role_user(
            "tour_olivia",
            self.env.ref("crm_user_management.role_admin"),
            name="Tour Olivia",
        )
        closer = self.make_role_user("tour_closer", name="Tour Closer")
        closer.sudo().set_roles(self.env.ref("crm_user_management.role_closer").ids)
        self.start_tour(
            "/odoo", "crm_user_management_admin_user_form_tour", login="tour_olivia"
        )


@tagged("post_install", "-at_install", "crm_ui")
class TestWhoCanSeeTour(CrmUserManagementCase, HttpCase):
    def test_who_can_see_tour(self):
        ref = self.env.ref
        self.make_role_user(
            "tour_olivia", ref("crm_user_management.role_admin"), name="Tour Olivia"
        )
        closer = ref("crm_user_management.role_closer")
        carl = self.make_role_user("tour_carl", closer, name="Tour Carl")
        self.make_role_user("tour_chloe", closer, name="Tour Chloe")
        deal = self.env["crm.lead"].create(
            {
                "name": "Tour private deal",
                "type": "opportunity",
                "user_id": carl.id,
                "visibility": "private",
            }
        )
        self.start_tour(
            f"/odoo/crm.lead/{deal.id}",
            "crm_user_management_who_can_see_tour",
            login="tour_olivia",
        )
