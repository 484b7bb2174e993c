# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.base_setup.controllers.main import BaseSetup
from odoo.addons.web.controllers.home import SIGN_UP_REQUEST_PARAMS

SIGN_UP_REQUEST_PARAMS.add("tz")


class CrmInviteSignup(AuthSignupHome):
    def get_auth_signup_qcontext(self):
        qcontext = super().get_auth_signup_qcontext()
        token = qcontext.get("token")
        if token and not qcontext.get("invalid_token"):
            # sudo: public route; the token was just checked by auth_signup
            partner = request.env["res.partner"].sudo()._get_partner_from_token(token)
            if partner and partner.user_ids.filtered(
                lambda u: u.lifecycle_state == "invited"
            ):
                qcontext["crm_invited"] = True
                qcontext["crm_timezones"] = pytz.common_timezones
                # sudo: public page; countries are public reference data
                qcontext["crm_countries"] = request.env["res.country"].sudo().search([])
        return qcontext

    def _prepare_signup_values(self, qcontext):
        values = super()._prepare_signup_values(qcontext)
        if qcontext.get("crm_invited"):
            if qcontext.get("tz") in pytz.all_timezones:
                # Odoo's first login sets the browser's: ours follows it
                values["tz"] = values["crm_signup_tz"] = qcontext["tz"]
            country_id = str(qcontext.get("country_id") or "")
            if country_id.isdigit():
                # sudo: public page; countries are public reference data
                country = (
                    request.env["res.country"].sudo().browse(int(country_id)).exists()
                )
                if country:
                    values["country_id"] = country.id
        return values


class CrmBaseSetup(BaseSetup):
    @http.route()
    def base_setup_data(self, **kw):
        """The Settings' Pending Invitations box lists the users whose
        invitation is pending (our status), not every user who never logged in
        (suspended users, users made active by hand); its Active Users count
        is res.config.settings'."""
        data = super().base_setup_data(**kw)
        # sudo: the route above is for Settings managers only (checked by super)
        Users = request.env["res.users"].sudo()
        domain = [("lifecycle_state", "=", "invited"), ("share", "=", False)]
        pending = Users.search(domain, order="id desc", limit=10)
        data.update(
            pending_count=Users.search_count(domain),
            pending_users=[(user.id, user.login) for user in pending],
            action_pending_users=pending._action_show(),
        )
        return data
