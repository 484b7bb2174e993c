# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_access_compiler import exceeds
from .crm_constants import (
    ROLE_EXTRAS,
)


class ResUsers(models.Model):
    """Delegation: who may manage whom, within their own rights."""

    _inherit = "res.users"

    crm_can_manage = fields.Boolean(
        string="You Manage",
        compute="_compute_crm_can_manage",
        help="Whether you may change this user's roles and status.",
    )

    @api.depends_context("uid")
    def _compute_crm_can_manage(self):
        manageable = self._crm_manageable()
        for user in self:
            user.crm_can_manage = user in manageable

    def _crm_is_user_manager(self):
        """Owner, Admins (Access Rights) and holders of a role with
        *manage users*."""
        self.ensure_one()
        return self.has_group("base.group_erp_manager") or self._crm_has_extra(
            "role_can_manage_users"
        )

    def _crm_manageable(self):
        """The users of ``self`` whose roles and status the current user may
        change: never a system account or oneself; the Owner by nobody, an
        Admin by the Owner only; for a delegate, only users within their own
        rights (those checks again on every action)."""
        manager = self.env.user
        candidates = self.filtered("id") - self._crm_system_accounts() - manager
        if not candidates or not (self.env.su or manager._crm_is_user_manager()):
            return self.browse()
        owners, admins = self._crm_privileged_members()
        candidates = candidates.filtered(lambda u: u.id not in owners)
        if self.env.su or manager.has_group("base.group_erp_manager"):
            if manager.id in owners:
                return candidates
            return candidates.filtered(lambda u: u.id not in admins)
        manageable = self.browse()
        # sudo: the users' groups, to compare them with the delegate's rights
        for user in candidates.sudo():
            try:
                user._crm_check_within_rights_of(manager, self.env["res.groups"])
            except AccessError:
                continue
            manageable |= user
        return manageable.with_env(self.env)

    def _crm_rights_beyond(self, scopes, extras=()):
        """What of ``scopes`` ({entity: {action: scope}}) and ``extras`` (names
        of extra rights) goes beyond this user's own effective rights.

        :return: list of "entity action" and extra right names; empty if none
        """
        # their matrices: what Settings add to everyone is no right to delegate
        mine = self._crm_scope_union(contacts_public=False)
        my_extras = self.get_effective_extras()
        return [
            f"{entity} {action}"
            for entity, actions in scopes.items()
            for action, scope in actions.items()
            if exceeds(scope, mine.get(entity, {}).get(action, "none"))
        ] + [key for key in extras if not my_extras[key]]

    def _crm_check_can_read_rights(self):
        if not (self.env.su or self.env.user._crm_is_user_manager()):
            raise AccessError(_("Only user managers can see the rights of others."))

    def _crm_check_can_manage(self):
        """Only user managers may change another user's lifecycle.

        User managers are Owner/Admin (base.group_erp_manager) and holders of a
        role with 'manage users', who may act only on users whose rights are
        all within their own and who are neither Owner nor Admin.

        :return: the records to act on: ``self``, or ``self.sudo()`` for a
            delegated user manager once checked (they have no write access
            on users of their own).
        """
        if self.env.su:
            return self
        self._crm_check_not_system_account()
        user = self.env.user
        if user.has_group("base.group_erp_manager"):
            self.check_access("write")
            return self
        if not user._crm_is_user_manager():
            raise AccessError(_("Only user managers can change the status of users."))
        # sudo: the delegate has no write access on users; checked just below
        targets = self.sudo()
        targets._crm_check_within_rights_of(user, self.env["res.groups"])
        return targets

    def _crm_check_within_rights_of(self, manager, roles):
        """Refuse a delegated ``manager`` acting on these users, or granting
        ``roles``, beyond the manager's own effective rights."""
        protected = self.env["res.groups"]._crm_protected_roles()
        if protected & (self.groups_id | roles) or any(
            user.has_group("base.group_erp_manager") for user in self
        ):
            raise AccessError(
                _("Only the Owner and Admins can manage Owners and Admins.")
            )
        # sudo: the manager's own groups, to compare
        manager_groups = manager.sudo().groups_id
        self._crm_check_no_group_beyond(manager_groups)
        involved = self.groups_id | roles
        for role in (involved | involved.trans_implied_ids).filtered("is_role"):
            too_wide = manager._crm_rights_beyond(
                role._crm_scopes(), [key for key in ROLE_EXTRAS if role[key]]
            )
            # what a role implies is one of its rights too (Settings, say)
            too_wide += (
                role.trans_implied_ids.filtered(lambda g: not g.is_role)
                - manager_groups
            ).mapped("full_name")
            if too_wide:
                raise AccessError(
                    _(
                        "The role %(role)s goes beyond your own rights "
                        "(%(rights)s): you cannot manage its users or grant it.",
                        role=role.name,
                        rights=", ".join(too_wide),
                    )
                )

    def action_crm_archive(self):
        """Archive users (the Team screen): their data stays and keeps its
        owner; a delegate archives the users within their rights."""
        targets = self._crm_check_can_manage()
        if self.env.user in self and not self.env.su:
            raise UserError(_("You cannot archive yourself."))
        targets.action_archive()
        return self._crm_notify(
            _(
                "%(count)s user(s) archived: their data stays and keeps its owner.",
                count=len(self),
            )
        )

    def action_crm_change_roles(self):
        """Open the role wizard on these users (the Team screen)."""
        return self.env["crm.user.role.wizard"].action_open(self)

    def _crm_check_no_group_beyond(self, manager_groups):
        """Refuse users holding, beside roles, a group not in
        ``manager_groups``: Settings given on the Access Rights tab is a right
        of theirs beyond the manager's; visibility groups show records, they
        give no right (an invitation link, which hands over the account,
        checks them too)."""
        # technical and extra rights (Contact Creation, say: no category) are
        # no right to manage people by, as Odoo shows them in debug mode only
        xmlid_to_res_id = self.env["ir.model.data"]._xmlid_to_res_id
        minor = {
            xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in self.env["res.groups"]._get_hidden_extra_categories()
        } - {False}
        beyond = (self.groups_id - manager_groups).filtered(
            lambda g: (
                not (
                    g.is_role
                    or g.is_visibility_group
                    or not g.category_id
                    or g.category_id.id in minor
                )
            )
        )
        if beyond:
            raise AccessError(
                _(
                    "%(users)s hold(s) %(groups)s, which you do not: you cannot "
                    "manage them.",
                    users=", ".join(
                        self.filtered(lambda u: u.groups_id & beyond).mapped("name")
                    ),
                    groups=", ".join(beyond.mapped("full_name")),
                )
            )

    def set_roles(self, role_ids):
        """Replace the roles of these users by ``role_ids`` (ids of roles).

        Owner/Admin may give any role but Owner; a delegated user manager
        only roles within their own rights.
        """
        roles = self.env["res.groups"].browse(role_ids).exists()
        if len(roles) != len(set(role_ids)) or not all(roles.mapped("is_role")):
            raise UserError(_("Only roles can be given here."))
        self._crm_check_not_system_account()
        targets = self._crm_check_can_manage()
        if targets.env.su and not self.env.su:
            if self.env.user in self:
                raise AccessError(_("You cannot change your own roles."))
            targets._crm_check_within_rights_of(self.env.user, roles)
        # one write per distinct set of current roles
        for current, users in targets.grouped(
            lambda u: u.groups_id.filtered("is_role")
        ).items():
            commands = [Command.unlink(r.id) for r in current - roles] + [
                Command.link(r.id) for r in roles - current
            ]
            if commands:
                users.write({"groups_id": commands})
        return True
