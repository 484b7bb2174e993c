# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "CRM User Management",
    "summary": "Seats, invitations, roles with a permission matrix, visibility "
    "groups and a trash, for CRM teams",
    "version": "18.0.1.3.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-user-management/crm_user_management",
    "author": "crm_user_management authors",
    "license": "LGPL-3",
    "depends": ["crm", "auth_signup", "base_setup", "mail"],
    "data": [
        # the audit log's chain head, before the first entry
        "data/crm_audit_log_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/crm_role_entity_data.xml",
        # groups (roles, the user managers' group, categories), static rules
        "security/crm_user_management_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_templates.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/auth_signup_templates.xml",
        "wizards/crm_user_invite_wizard_views.xml",
        "wizards/crm_role_reassign_wizard_views.xml",
        "wizards/crm_user_role_wizard_views.xml",
        "wizards/crm_visibility_group_delete_wizard_views.xml",
        "wizards/crm_access_explain_wizard_views.xml",
        "wizards/crm_access_review_wizard_views.xml",
        "views/res_groups_views.xml",
        "views/crm_role_assignment_views.xml",
        "views/crm_audit_log_views.xml",
        "views/crm_role_entity_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/crm_trash_entry_views.xml",
        "views/crm_user_management_menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "crm_user_management/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_user_management/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
