# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's constants: configuration keys, lifecycle states, the write
keys that matter to seats and roles, role extras. Scopes and what they mean
live in crm_access_compiler."""

# ir.config_parameter keys
PARAM_SEAT_LIMIT = "crm_user_management.seat_limit"
PARAM_RELEASE_POLICY = "crm_user_management.seat_release_policy"
PARAM_ANCHOR_DAY = "crm_user_management.billing_anchor_day"
PARAM_CONTACTS_PUBLIC = "crm_user_management.contacts_public"
PARAM_ACCESS_REVIEW_MONTHS = "crm_user_management.access_review_months"
PARAM_ACCESS_REVIEW_LAST = "crm_user_management.access_review_last"

LIFECYCLE_STATES = [
    ("invited", "Pending"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("archived", "Archived"),
]
# state -> states it may move to
LIFECYCLE_TRANSITIONS = {
    "invited": {"active", "archived"},
    "active": {"suspended", "archived"},
    "suspended": {"active", "archived"},
    "archived": {"active", "invited"},
}
# res.users.write() keys that can change who takes a seat
SEAT_KEYS = {"active", "groups_id", "lifecycle_state", "share"}
SEAT_KEY_PREFIXES = ("in_group_", "sel_groups_")
# res.users.write() keys that can change which roles a user holds
ROLE_KEYS = {"groups_id"}

# the extra rights of a role (boolean fields of res.groups)
ROLE_EXTRAS = (
    "role_can_export",
    "role_can_merge",
    "role_can_reassign",
    "role_can_manage_users",
    "role_can_manage_roles",
)
# wizards bound to CRM models that do what only an extra right allows: their
# Action menu entries are offered only to who holds it
EXTRA_RIGHT_WIZARDS = {"crm.merge.opportunity": "role_can_merge"}
# the roles only the Owner (and, for Admins, Admins) touch
PROTECTED_ROLES = ("owner", "admin")


def changes_memberships(vals):
    """Whether res.users values can change the user's groups."""
    return any(key in ROLE_KEYS or key.startswith(SEAT_KEY_PREFIXES) for key in vals)
