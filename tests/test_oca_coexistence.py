# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .odoo_process import OdooProcessCase

SHELL_SCRIPT = Path(__file__).with_name("oca_coexistence_shell.py")


@tagged("post_install", "-at_install", "crm_coexistence")
class TestOcaBaseUserRole(OdooProcessCase):
    """Installed beside OCA's base_user_role (the most used roles addon): no
    field shadows the other's, both forms render, and an OCA role that implies
    a CRM role gives that role's CRM rights. make setup puts base_user_role on
    the addons path; without it this test fails, it does not skip."""

    def test_installs_beside_base_user_role(self):
        self.assertTrue(
            get_module_path("base_user_role", display_warning=False),
            "OCA base_user_role is not on the addons path: run make setup",
        )
        self._install("install both", "crm_user_management,base_user_role")
        result = self._run_shell(SHELL_SCRIPT, "CRM_OCA", "check")
        views = result["views"]
        self.assertIn("role_line_ids", views["res.users"])  # OCA's
        self.assertIn("crm_role_ids", views["res.users"])  # ours
        self.assertIn("lifecycle_state", views["res.users"])
        # our default list of groups, beside OCA's role count
        self.assertIn("member_count", views["res.groups"])
        self.assertIn("role_count", views["res.groups"])
        self.assertIn("role_permission_ids", views["crm role"])
        self.assertIn("line_ids", views["res.users.role"])
        roles = result["roles"]
        self.assertTrue(roles["closer_held"])
        self.assertEqual(roles["crm_role_ids"], [roles["closer_id"]])
        self.assertEqual(roles["oca_role_ids"], [roles["oca_role_id"]])
        self.assertEqual(roles["permissions"], roles["closer_permissions"])
        self.assertEqual(roles["sees"], [roles["own_lead"]])
        self.assertFalse(roles["closer_held_after"])
