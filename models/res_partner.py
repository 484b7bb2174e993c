# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, create_index


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ("res.partner", "crm.visibility.mixin", "crm.trash.mixin")

    visibility_group_ids = fields.Many2many(
        relation="res_partner_visibility_group_rel",
        column1="partner_id",
        column2="group_id",
    )

    # the fields that tell the matrix entity of a record
    _crm_entity_fields = ("is_company",)

    def init(self):
        res = super().init()
        # the case-insensitive lookups of user emails (uniqueness, invitations)
        create_index(
            self.env.cr,
            "res_partner_crm_email_lower_index",
            self._table,
            ["lower(trim(email))"],
        )
        return res

    @api.model
    def _crm_visibility_entity(self, vals):
        return "company" if vals.get("is_company") else "contact"

    @api.depends_context("uid")
    def _compute_display_name(self):
        """Contacts hidden from the user (visibility, trash) are named
        neutrally where Odoo names them on the user's behalf: many2one values,
        groups, exports (a direct read of a hidden contact is refused anyway)."""
        hidden = self._crm_hidden_from_reader()
        res = super(ResPartner, self - hidden)._compute_display_name()
        for partner in hidden:
            partner.display_name = _("Restricted contact")
        return res

    @api.constrains("parent_id")
    def _check_users_stay_out_of_restricted_companies(self):
        """Internal users' contacts are public: under a restricted company they
        would show its name and address to everyone."""
        # sudo: the visibility of the companies, whoever files the contact
        for partner in self.sudo().filtered(
            lambda p: p.parent_id and not p.partner_share
        ):
            if (partner.parent_id | partner.commercial_partner_id)._crm_guarded():
                raise ValidationError(
                    _(
                        "%(user)s is a user of this database: their contact cannot "
                        "belong to a company that is not visible to everyone.",
                        user=partner.name,
                    )
                )

    def _to_store(self, store, /, *, fields=None, main_user_by_partner=None):
        """mail sends authors, recipients and followers of messages as personas
        (under sudo or not): contacts hidden from the user go as "Restricted
        contact", without their data."""
        hidden = self._crm_hidden_from_reader()
        res = super(ResPartner, self - hidden)._to_store(
            store, fields=fields, main_user_by_partner=main_user_by_partner
        )
        for partner in hidden:
            store.add(
                partner,
                {
                    "name": _("Restricted contact"),
                    "displayName": _("Restricted contact"),
                    "email": False,
                    "is_company": False,
                    "isInternalUser": False,
                    "userId": False,
                    "write_date": False,
                },
            )
        return res

    def _crm_guarded(self):
        """Contacts under a restricted or trashed parent or company are
        restricted with it (the rule ``CRM visibility: res.partner``): their
        name, address and company name are the company's. Partners of
        internal users stay public."""
        guarded = super()._crm_guarded()
        rest = (self - guarded).filtered("partner_share")
        above = (rest.parent_id | rest.commercial_partner_id).filtered(
            lambda p: p.visibility != "everyone" or p.crm_trash_date
        )
        if not above:
            return guarded
        return guarded | rest.filtered(
            lambda p: p.parent_id in above or p.commercial_partner_id in above
        )

    def _crm_visibility_applies(self):
        """Partners of users and of the companies of the database are public."""
        # sudo: which partners belong to users or companies is not a secret
        companies = (
            self.env["res.company"].sudo().search([("partner_id", "in", self.ids)])
        )
        users = self.sudo().with_context(active_test=False).filtered("user_ids")
        return self - companies.partner_id - users

    def _crm_trashable(self):
        """Partners of users and of companies are never trashed."""
        trashable = super()._crm_trashable()
        return trashable and trashable._crm_visibility_applies()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("crm_creating_users"):
            return super().create(vals_list)
        # the contacts of new users are accounts: their creator does not follow
        # each of them (and get its notifications), and their chatter starts with
        # the user's status changes instead of "Contact created"
        partners = super(
            ResPartner,
            self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
        ).create(vals_list)
        return partners.with_env(self.env)

    def write(self, vals):
        if (
            self.env.context.get("crm_creating_users")
            and vals.keys() == {"active"}
            and all(partner.active == vals["active"] for partner in self)
        ):
            # stock copies each new user's active flag to its partner, one write
            # per user, most often the value the partner already has
            return True
        return super().write(vals)

    def unlink(self):
        """Role holders' deletes of contacts and companies go to the trash."""
        rest = self._crm_send_to_trash()
        return super(ResPartner, rest).unlink() if rest else True

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

    # ------------------------------------------------------------------
    # Signup: never a way into a contact one cannot read
    # ------------------------------------------------------------------
    def signup_get_auth_param(self):
        """auth_signup hands out signup tokens (b2c) and logins under sudo to
        any internal user: only for the contacts the caller may read."""
        if not self.env.su:
            self.check_access("read")
        return super().signup_get_auth_param()

    @api.model
    def _get_partner_from_token(self, token):
        """A restricted or trashed contact has no valid signup token, whoever
        issued it: a signup would make it a user's, so public (res.users
        create), and the signup form would show its name and email to
        whoever holds the link."""
        partner = super()._get_partner_from_token(token)
        # sudo: the visibility of the token's partner, to refuse it; a user's
        # partner is public (a reset-password token is no way in)
        if partner and not partner.sudo().user_ids and partner.sudo()._crm_guarded():
            return None
        return partner

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
