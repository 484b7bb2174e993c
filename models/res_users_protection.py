# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may act on whom: the system accounts, the Owner and the Admins.

This class wraps the others of ``res.users`` (imported after them): its checks
run first, and the membership guard surrounds everything they do.
"""

import contextlib

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .crm_constants import changes_memberships
from .crm_transaction import collecting, collection

# accounts that are no person: the template of new users (stock copies what
# it is given to every internal user), the portal template and the public user
SYSTEM_ACCOUNT_XMLIDS = (
    "base.default_user",
    "base.template_portal_user_id",
    "base.public_user",
)
# groups whose holders run code on the server: only the Owner gives them
CODE_RUNNING_GROUPS = ("base.group_system", "mail.group_mail_template_editor")
# what proves who one is: only the account's holder changes it (for the Owner
# and the Admins; the Owner may also change an Admin's)
CREDENTIAL_FIELDS = frozenset(
    {
        "login",
        "password",
        "new_password",
        "email",
        # a user's email and password-reset address are their partner's
        "partner_id",
        "api_key_ids",
        "totp_secret",
    }
)


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_system_account = fields.Boolean(
        string="System Account",
        compute="_compute_crm_system_account",
        search="_search_crm_system_account",
        help="The superuser, the template of new users and the public user: "
        "accounts that are no person.",
    )

    def _compute_crm_system_account(self):
        system = self._crm_system_accounts()
        for user in self:
            user.crm_system_account = user in system

    def _search_crm_system_account(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on System Account."))
        inside = (operator == "=") == value
        return [("id", "in" if inside else "not in", self._crm_system_accounts().ids)]

    @api.model
    def _crm_system_accounts(self):
        """The superuser account and the template and public accounts."""
        ids = {SUPERUSER_ID}
        for xmlid in SYSTEM_ACCOUNT_XMLIDS:
            ids.add(self.env["ir.model.data"]._xmlid_to_res_id(xmlid, False))
        return self.browse(sorted(i for i in ids if i))

    def _crm_check_role_implications(self):
        """Every holder of a role holds what the role implies: taking away an
        implied group (Internal User, say) from the group's side would leave a
        role holder with the role's rights but no seat or user type."""
        # sudo: the users' own groups, to check their consistency
        for user in self.sudo().with_context(active_test=False):
            missing = user.groups_id.filtered("is_role").trans_implied_ids - (
                user.groups_id
            )
            if missing:
                raise UserError(
                    _(
                        "%(user)s holds roles that give %(groups)s: change "
                        "their roles instead.",
                        user=user.name,
                        groups=", ".join(missing.mapped("full_name")),
                    )
                )

    def _crm_check_not_system_account(self):
        """System accounts are no target of user management."""
        system = self & self._crm_system_accounts()
        if system:
            # sudo (below): the accounts' names, for the message only
            raise UserError(
                _(
                    "%(users)s is a system account, not a person: its roles and "
                    "status are not managed here (the default access rights of "
                    "new users are set in Settings by the Owner and Admins).",
                    users=", ".join(system.sudo().mapped("name")),
                )
            )

    @api.model
    def _crm_members_of(self, groups):
        """{group id: frozenset of member ids} of ``groups``, from the
        database, archived users included."""
        self.env["res.users"].flush_model(["groups_id"])
        self.env["res.groups"].flush_model(["users"])
        rows = self.env.execute_query(
            SQL(
                "SELECT gid, uid FROM res_groups_users_rel WHERE gid = ANY(%s)",
                groups.ids,
            )
        )
        return {
            group.id: frozenset(uid for gid, uid in rows if gid == group.id)
            for group in groups
        }

    @api.model
    def _crm_privileged_members(self):
        """(Owner ids, Admin ids): the members of the two roles."""
        groups = self.env["res.groups"]
        owner, admin = groups._crm_role("owner"), groups._crm_role("admin")
        members = self._crm_members_of(
            groups.browse([g.id for g in (owner, admin) if g])
        )
        none = frozenset()
        return (
            members.get(owner.id, none) if owner else none,
            members.get(admin.id, none) if admin else none,
        )

    @api.model
    def _crm_settings_members(self):
        """The ids of the holders of Settings or of template editing (both
        run code: server actions, mail templates rendered unrestricted)."""
        groups = self.env["res.groups"].browse(
            [
                group.id
                for xmlid in CODE_RUNNING_GROUPS
                if (group := self.env.ref(xmlid, raise_if_not_found=False))
            ]
        )
        return frozenset().union(*self._crm_members_of(groups).values())

    @api.model
    @contextlib.contextmanager
    def _crm_guard_privileged_roles(self):
        """Around any change of memberships, from either side: nobody gives or
        takes the Owner role (only the superuser account, from ``odoo-bin
        shell``); only the Owner takes the Admin role away, and only the Owner
        gives Settings (``base.group_system`` runs code and reads every
        secret: whoever holds it can become anyone)."""
        if self.env.uid == SUPERUSER_ID:
            yield
            return
        owners, admins = self._crm_privileged_members()
        settings = self._crm_settings_members()
        yield
        owners_after, admins_after = self._crm_privileged_members()
        if owners_after != owners:
            raise UserError(
                _(
                    "The Owner role is neither given nor taken: ownership of the "
                    "database does not move from the screens or the API."
                )
            )
        if admins - admins_after and self.env.uid not in owners:
            # sudo: the demoted Admins' names, for the message only
            demoted = self.browse(sorted(admins - admins_after)).sudo()
            raise AccessError(
                _(
                    "Only the Owner can take the Admin role away (%(users)s).",
                    users=", ".join(demoted.mapped("name")),
                )
            )
        gained = self._crm_settings_members() - settings
        if gained and self.env.uid not in owners:
            # sudo: the new holders' names, for the message only
            raise AccessError(
                _(
                    "Only the Owner gives Settings (technical administration) or "
                    "template editing: %(users)s would get it.",
                    users=", ".join(self.browse(sorted(gained)).sudo().mapped("name")),
                )
            )

    def _crm_check_owner_protections(self):
        """Nobody suspends, archives or deletes the Owner; only the Owner does
        it to an Admin."""
        if self.env.su and self.env.uid == SUPERUSER_ID:
            return
        owner_role = self.env["res.groups"]._crm_role("owner")
        admin_role = self.env["res.groups"]._crm_role("admin")
        # sudo: reading role memberships to protect the Owner
        users = self.sudo()
        if owner_role and users.filtered(lambda u: owner_role in u.groups_id):
            raise UserError(_("The Owner cannot be suspended, archived or deleted."))
        admins = admin_role and users.filtered(lambda u: admin_role in u.groups_id)
        if admins and not self.env.user._crm_is_owner():
            raise AccessError(
                _(
                    "Only the Owner can suspend, archive or delete an Admin "
                    "(%(users)s).",
                    users=", ".join(admins.mapped("name")),
                )
            )

    def _crm_check_owner_account(self):
        """The Owner's groups and user type change only by the Owner (and by
        the consequences, under sudo, of a change the Owner may not veto,
        such as a role's new matrix, or stock handing a new group of the
        template of new users to every user)."""
        change = collection(self.env, "template_groups_change")
        if self.env.su or (change and change.get("on")):
            return
        owners, _admins = self._crm_privileged_members()
        if self.env.uid not in owners and owners & set(self.ids):
            raise AccessError(
                _("Only the Owner changes the Owner's groups and user type.")
            )

    def _crm_check_credentials_change(self, fields):
        """Only the Owner changes the Owner's login, password, email, API keys
        and two-factor authentication; an Admin's: the Admin or the Owner."""
        if (
            not self
            or not (CREDENTIAL_FIELDS & set(fields))
            or self.env.uid == SUPERUSER_ID
        ):
            return
        owners, admins = self._crm_privileged_members()
        actor = self.env.uid
        if self.env.su and self.env.user._is_public():
            # auth_signup's reset and signup, with a token mailed to the holder
            return
        foreign = self.filtered(
            lambda u: (
                u.id != actor
                and (u.id in owners or (u.id in admins and actor not in owners))
            )
        )
        if foreign:
            # sudo (below): the holders' names, for the message only
            raise AccessError(
                _(
                    "Only %(users)s can change their own login, password, email, "
                    "API keys and two-factor authentication (the Owner also an "
                    "Admin's).",
                    users=", ".join(foreign.sudo().mapped("name")),
                )
            )

    @contextlib.contextmanager
    def _crm_guard_system_account_roles(self):
        """The roles of the template of new users (and of the other system
        accounts) change only by the Owner, Admins and Settings managers,
        whatever the environment: stock code adds plain groups to them under
        sudo (a new company gives __system__ multi-company), never roles."""
        system = self & self._crm_system_accounts()
        if (
            not system
            or self.env.uid == SUPERUSER_ID
            or self.env.user.has_group("base.group_erp_manager")
        ):
            yield
            return
        before = system._crm_roles_by_user()
        yield
        if system._crm_roles_by_user() != before:
            raise AccessError(
                _(
                    "Only the Owner and Admins change the roles of the template "
                    "of new users and of the other system accounts."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        with self._crm_guard_privileged_roles():
            return super().create(vals_list)

    def write(self, vals):
        if vals.get("active") is False or vals.get("lifecycle_state") in (
            "suspended",
            "archived",
        ):
            self._crm_check_owner_protections()
        self._crm_check_credentials_change(vals)
        if "active" in vals and self.env.uid != SUPERUSER_ID:
            # an active template would take a seat and could log in
            self._crm_check_not_system_account()
        if not changes_memberships(vals):
            if "share" in vals:
                self._crm_check_owner_account()
            return super().write(vals)
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        with (
            self._crm_guard_system_account_roles(),
            self._crm_guard_privileged_roles(),
            collecting(self.env, "template_groups_change") as (change, _outer),
        ):
            if template and template in self:
                # stock hands new groups of the template to every internal
                # user: never its roles, nor what only roles bring (see
                # _default_groups); said in the transaction, not the context
                change["on"] = True
            res = super().write(vals)
        # after the guards, whose messages say more (the Owner role)
        self._crm_check_owner_account()
        self._crm_check_role_implications()
        return res

    def unlink(self):
        self._crm_check_owner_protections()
        if self.env.uid != SUPERUSER_ID:
            # Odoo's login page needs the public user; new users, the template
            self._crm_check_not_system_account()
        return super().unlink()
