# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS, TERM_OPERATORS_NEGATION

from .crm_constants import LIFECYCLE_STATES


class ResUsers(models.Model):
    """The fields of this addon on users; the first class of ``res.users`` in
    the order of wrapping (see ``models/__init__.py``)."""

    _inherit = "res.users"

    lifecycle_state = fields.Selection(
        LIFECYCLE_STATES,
        string="Lifecycle",
        default="invited",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Pending: invited, has never logged in. Active: has logged in. "
        "Suspended: keeps data and seat but cannot log in. "
        "Archived: deactivated; data stays and keeps its owner.",
    )
    archive_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the user was last archived; "
        "under the 'cycle end' policy the seat stays held "
        "until the billing cycle ends.",
    )
    invite_count = fields.Integer(
        string="Invitations Sent",
        readonly=True,
        copy=False,
        help="Bumped by every (re)sent invitation; "
        "signup links carry it, so a resent link kills the older ones.",
    )
    invite_url = fields.Char(
        string="Invitation Link",
        compute="_compute_invite_url",
        groups="base.group_erp_manager,crm_user_management.group_crm_user_manager",
    )

    crm_role_ids = fields.Many2many(
        "res.groups",
        string="Roles",
        compute="_compute_crm_role_ids",
        inverse="_inverse_crm_role_ids",
        search="_search_crm_role_ids",
        domain=[("is_role", "=", True)],
        help="The CRM roles of the user; their rights add up.",
    )

    @api.depends("groups_id.is_role")
    def _compute_crm_role_ids(self):
        for user in self:
            user.crm_role_ids = user.groups_id.filtered("is_role")

    def _search_crm_role_ids(self, operator, value):
        if value is False and operator in ("=", "!="):
            return [
                (
                    "groups_id",
                    "not any" if operator == "=" else "any",
                    [("is_role", "=", True)],
                )
            ]
        # a text searches the role names, as on any relational field; a negative
        # operator means that no role matches, as on any many2many
        field = "name" if isinstance(value, str) else "id"
        if operator in NEGATIVE_TERM_OPERATORS:
            positive = TERM_OPERATORS_NEGATION[operator]
            return [
                (
                    "groups_id",
                    "not any",
                    [("is_role", "=", True), (field, positive, value)],
                )
            ]
        return [
            ("groups_id", "any", [("is_role", "=", True), (field, operator, value)])
        ]

    @api.constrains("email", "partner_id")
    def _check_email_unique(self):
        """Emails are unique among users, case-insensitively."""
        self.partner_id._check_user_email_unique()

    def _get_session_token_fields(self):
        # suspending a user changes their session token: open sessions die
        return super()._get_session_token_fields() | {"lifecycle_state"}

    def _crm_write_derived(self, vals):
        """Write what this addon derives once its checks have run (lifecycle
        states, the groups that follow roles): Odoo's write, without this
        addon's wrappers, which would check the same change again."""
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (
                vals.get("login")
                and "@" in vals["login"]
                and not vals.get("email")
                and not vals.get("partner_id")
            ):
                # a login that is an address is the user's email
                vals["email"] = vals["login"]
        return super().create(vals_list)
