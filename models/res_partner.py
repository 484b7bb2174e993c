# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("email")
    def _check_user_email_unique(self):
        """Refuse two users sharing an email, whatever its case."""
        emails = {p.email.strip().lower() for p in self if p.email and p.user_ids}
        if not emails:
            return
        self.env["res.users"].flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["email"])
        rows = self.env.execute_query(
            SQL(
                """SELECT lower(trim(p.email))
                     FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                    WHERE lower(trim(p.email)) IN %s
                 GROUP BY 1 HAVING count(DISTINCT u.id) > 1""",
                tuple(emails),
            )
        )
        if rows:
            raise ValidationError(
                _(
                    "Another user already uses the email %(email)s.",
                    email=", ".join(row[0] for row in rows),
                )
            )

    def _get_login_date(self):
        # auth_signup signs this value into every signup token and checks it
        # back: for a user who never logged in, the invitation serial stands in,
        # so resending an invitation kills the links sent before.
        login_date = super()._get_login_date()
        if login_date is None:
            serial = max(self.user_ids.mapped("invite_count"), default=0)
            if serial:
                return f"invitation-{serial}"
        return login_date
