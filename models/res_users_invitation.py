# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import UserError
from odoo.tools import formataddr

from .crm_visibility_mixin import VISIBILITY_MODELS


class ResUsers(models.Model):
    """Invitations: links, sending and resending."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        send_invite = not (
            self.env.context.get("no_reset_password")
            or self.env.context.get("install_mode")
            or self.env.context.get("import_file")
        )
        # we send the invitations ourselves, queued and in one batch (not
        # auth_signup's mail per user); the initials avatars of invited users
        # wait for their first login
        users = super(
            ResUsers,
            self.with_context(
                no_reset_password=True, crm_defer_initials_avatar=send_invite
            ),
        ).create(vals_list)
        users = users.with_env(self.env)
        if send_invite:
            users.filtered(
                lambda u: u.email and u.lifecycle_state == "invited"
            )._crm_send_invitation()
        return users

    @api.depends("lifecycle_state", "invite_count")
    @api.depends_context("uid")
    def _compute_invite_url(self):
        invited = self.filtered(lambda u: u.lifecycle_state == "invited" and u.active)
        # sudo: signup fields are manager-only; the field itself is manager-only
        partners = invited.partner_id.sudo().filtered(
            lambda p: p.signup_type == "signup"
        )
        urls = partners.with_context(
            signup_force_type_in_url="signup"
        )._get_signup_url_for_action()
        # an invitation link sets the password: a pending Admin's is for the
        # Owner only (only the Owner changes an Admin's credentials)
        owners, admins = self._crm_privileged_members()
        if self.env.uid not in owners and self.env.uid != SUPERUSER_ID:
            invited = invited.filtered(lambda u: u.id not in owners | admins)
        if not (self.env.su or self.env.user.has_group("base.group_erp_manager")):
            # a delegate: the links of the users within their rights only, who
            # own no record the delegate cannot read (the link is the account)
            invited = invited._crm_manageable()._crm_owning_nothing_hidden()
        for user in self:
            user.invite_url = user in invited and urls.get(user.partner_id.id, False)

    def _crm_owning_nothing_hidden(self):
        """The users of ``self`` who see nothing the current user cannot: in
        no group the current user is not in (a visibility group, Bypass HTML
        sanitize...) but those every new user gets and those their roles
        imply, owning no lead or contact the current user cannot read."""
        # sudo: the groups of both, to compare them: the link hands over the
        # account, with every group it holds
        mine = self.env.user.sudo().groups_id
        defaults = self._default_groups()

        def sees_more(user):
            roles = user.groups_id.filtered("is_role")
            return bool(
                user.groups_id - mine - roles - roles.trans_implied_ids - defaults
            )

        owning = self.sudo().filtered(sees_more).with_env(self.env)
        for model in VISIBILITY_MODELS:
            # sudo: what these users own, to check it against the current user
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("user_id", "in", self.ids)])
            )
            readable = records.with_env(self.env)._filtered_access("read")
            owning |= (records - readable.sudo()).user_id
        return self - owning

    def action_resend_invite(self):
        """Send a fresh invitation; links sent before stop working."""
        users = self._crm_check_can_manage()
        self._crm_check_state(
            "invited", _("Only pending users can get a new invitation: %(users)s.")
        )
        users._crm_send_invitation()
        return self._crm_notify(
            _("Invitation sent again to %(count)s user(s).", count=len(self)),
            {"type": "ir.actions.act_window_close"},
        )

    def action_copy_invite_link(self):
        """Open the current invitation link of a pending user, ready to copy."""
        self.ensure_one()
        self._crm_check_can_manage()
        if self.lifecycle_state != "invited":
            raise UserError(_("Only a pending user has an invitation link."))
        if self.partner_id.sudo().signup_type != "signup":  # sudo: manager-only field
            self._crm_send_invitation()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invitation link of %(user)s", user=self.name),
            "res_model": "res.users",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "crm_user_management.res_users_view_form_invite_link"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_crm_open_invite_wizard(self):
        """Open the bulk invitation wizard (Users list button, called on no record)."""
        return self.env["crm.user.invite.wizard"].action_open()

    def _crm_send_invitation(self):
        """Issue a fresh signup token for each user and queue its invitation mail."""
        if not self:
            return
        missing = self.filtered(lambda u: not u.email)
        if missing:
            raise UserError(
                _(
                    "Cannot invite %(users)s: no email address.",
                    users=", ".join(missing.mapped("name")),
                )
            )
        # sudo: signup fields are manager-only; the caller may invite these users
        self_sudo = self.sudo()
        self_sudo.partner_id.signup_prepare(signup_type="signup")
        for count, users in self_sudo.grouped("invite_count").items():
            users.write({"invite_count": count + 1})
        self_sudo._crm_queue_invitation_mails()

    def _crm_queue_invitation_mails(self):
        """Render the invitation of every user at once and queue the mails."""
        partners = self.partner_id.with_context(signup_force_type_in_url="signup")
        signup_urls = partners._get_signup_url_for_action()
        hours = int(
            self.env["ir.config_parameter"].get_param(
                "auth_signup.signup.validity.hours", 144
            )
        )
        bodies = self.env["mail.render.mixin"]._render_template(
            "crm_user_management.invitation_email",
            "res.users",
            self.ids,
            engine="qweb_view",
            add_context={
                "signup_urls": signup_urls,
                "expiry_days": max(hours // 24, 1),
                "inviter_name": self.env.user.name,
            },
            options={"post_process": True},
        )
        email_from = self.env.company.email_formatted or self.env.user.email_formatted
        self.env["mail.mail"].create(
            [
                {
                    "subject": self.env._(
                        "%(company)s invites you to Odoo",
                        company=user.company_id.name,
                    ),
                    "email_from": email_from,
                    # a name with a line break would add a header (Bcc:)
                    "email_to": formataddr((" ".join(user.name.split()), user.email)),
                    "body_html": bodies[user.id],
                    "auto_delete": True,
                    "message_type": "user_notification",
                    "state": "outgoing",
                }
                for user in self
            ]
        )
