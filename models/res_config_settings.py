# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_constants import (
    PARAM_ACCESS_REVIEW_MONTHS,
    PARAM_ANCHOR_DAY,
    PARAM_CONTACTS_PUBLIC,
    PARAM_RELEASE_POLICY,
    PARAM_SEAT_LIMIT,
)
from .crm_trash_entry import PARAM_TRASH_DAYS
from .crm_visibility_mixin import PARAM_DEFAULT_VISIBILITY

SIGNUP_VALIDITY_PARAM = "auth_signup.signup.validity.hours"
DEFAULT_VISIBILITY = [("everyone", "Everyone"), ("private", "Private (owner only)")]


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def _compute_active_user_count(self):
        # the users box says "N Active Users": those whose status is Active,
        # not the pending and suspended ones (they have their own counts)
        # sudo: a count of colleagues, as stock's
        count = (
            self.env["res.users"]
            .sudo()
            .search_count([("share", "=", False), ("lifecycle_state", "=", "active")])
        )
        for settings in self:
            settings.active_user_count = count

    crm_seat_limit = fields.Integer(
        string="Seat Limit",
        config_parameter=PARAM_SEAT_LIMIT,
        help="How many internal users may be invited, active or suspended. "
        "0 means unlimited.",
    )
    crm_seat_release_policy = fields.Selection(
        [
            ("immediate", "Immediately"),
            ("cycle_end", "At the end of the billing cycle"),
        ],
        string="Seat Release",
        default="immediate",
        config_parameter=PARAM_RELEASE_POLICY,
        help="When archiving a user frees their seat.",
    )
    crm_billing_anchor_day = fields.Integer(
        string="Billing Cycle Day",
        default=1,
        config_parameter=PARAM_ANCHOR_DAY,
        help="Day of the month (1-28) on which a billing cycle starts.",
    )
    crm_invite_expiry_days = fields.Integer(
        string="Invitation Expiry (days)",
        compute="_compute_crm_invite_expiry_days",
        inverse="_inverse_crm_invite_expiry_days",
        readonly=False,
        help="How long an invitation link stays valid "
        "(auth_signup's signup validity, stored in hours).",
    )
    crm_contacts_public = fields.Boolean(
        string="Contacts Visible to Everyone",
        config_parameter=PARAM_CONTACTS_PUBLIC,
        help="Every role sees all contacts and companies, whatever its view "
        "scope, so that nobody creates a duplicate of a contact they cannot see.",
    )
    crm_default_visibility_lead = fields.Selection(
        DEFAULT_VISIBILITY,
        string="New Leads",
        default="everyone",
        config_parameter=PARAM_DEFAULT_VISIBILITY % "lead",
    )
    crm_default_visibility_deal = fields.Selection(
        DEFAULT_VISIBILITY,
        string="New Deals",
        default="everyone",
        config_parameter=PARAM_DEFAULT_VISIBILITY % "deal",
    )
    crm_default_visibility_contact = fields.Selection(
        DEFAULT_VISIBILITY,
        string="New Contacts",
        default="everyone",
        config_parameter=PARAM_DEFAULT_VISIBILITY % "contact",
    )
    crm_default_visibility_company = fields.Selection(
        DEFAULT_VISIBILITY,
        string="New Companies",
        default="everyone",
        config_parameter=PARAM_DEFAULT_VISIBILITY % "company",
    )
    crm_trash_days = fields.Integer(
        string="Trash Retention (days)",
        default=14,
        config_parameter=PARAM_TRASH_DAYS,
        help="Deleted leads, deals, contacts and companies can be restored "
        "for this many days, then a daily job deletes them for good.",
    )
    crm_access_review_months = fields.Integer(
        string="Access Review Reminder (months)",
        config_parameter=PARAM_ACCESS_REVIEW_MONTHS,
        help="Every this many months, the Owner and the Admins get an activity "
        "to review access, with the access review attached. 0: no reminder.",
    )
    crm_seat_usage = fields.Char(
        string="Seat Usage",
        compute="_compute_crm_seat_usage",
    )

    @api.depends("company_id")
    def _compute_crm_invite_expiry_days(self):
        # sudo: settings are opened by settings managers only (stock ACL)
        hours = (
            self.env["ir.config_parameter"].sudo().get_param(SIGNUP_VALIDITY_PARAM, 144)
        )
        self.crm_invite_expiry_days = max(int(hours) // 24, 1)

    def _inverse_crm_invite_expiry_days(self):
        for settings in self:
            # sudo: settings are written by settings managers only (stock ACL)
            self.env["ir.config_parameter"].sudo().set_param(
                SIGNUP_VALIDITY_PARAM, settings.crm_invite_expiry_days * 24
            )

    @api.depends("crm_seat_limit")
    def _compute_crm_seat_usage(self):
        Users = self.env["res.users"]
        self.crm_seat_usage = Users._crm_seat_usage_text(Users.get_seat_usage())

    @api.constrains(
        "crm_billing_anchor_day", "crm_seat_limit", "crm_invite_expiry_days"
    )
    def _check_crm_seat_settings(self):
        for settings in self:
            if not 1 <= settings.crm_billing_anchor_day <= 28:
                raise ValidationError(
                    _("The billing cycle day must be between 1 and 28.")
                )
            if settings.crm_seat_limit < 0:
                raise ValidationError(
                    _("The seat limit cannot be negative (0 means unlimited).")
                )
            if settings.crm_invite_expiry_days < 1:
                raise ValidationError(
                    _("An invitation must stay valid at least one day.")
                )

    def action_crm_invite_users(self):
        """Open the bulk invitation wizard."""
        return self.env["crm.user.invite.wizard"].action_open()

    def set_values(self):
        key = PARAM_CONTACTS_PUBLIC
        # sudo: settings are written by administrators only (res.config.settings ACL)
        params = self.env["ir.config_parameter"].sudo()
        before = params.get_param(key)
        res = super().set_values()
        if params.get_param(key) != before:
            self.env["res.groups"]._crm_compile_roles()
        return res
