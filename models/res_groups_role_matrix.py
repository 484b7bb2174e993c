# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .crm_access_compiler import ACTIONS, SCOPE_RANK
from .crm_constants import PARAM_CONTACTS_PUBLIC, ROLE_EXTRAS
from .crm_visibility_mixin import VISIBILITY_MODELS


class ResGroups(models.Model):
    """The matrix of a role: its scopes, the API that sets them, who may, and
    the stock groups that follow it."""

    _inherit = "res.groups"

    def action_allow_everything(self):
        """Every action on every entity, for all records, and every extra right."""
        self._crm_set_whole_matrix("all", True)
        return True

    def action_deny_everything(self):
        """No action on any entity, and no extra right."""
        self._crm_set_whole_matrix("none", False)
        return True

    def _crm_set_whole_matrix(self, scope, extras):
        with self._crm_compiling_once() as roles:
            roles.role_permission_ids.write({f"{a}_scope": scope for a in ACTIONS})
            roles.write(dict.fromkeys(ROLE_EXTRAS, extras))

    def set_role_permission(self, entity, action, scope):
        """Set the scope of ``action`` on ``entity`` for this role.

        :param entity: lead, deal, contact, company or activity
        :param action: view, create, edit or delete
        :param scope: none, own, team or all
        """
        self.ensure_one()
        if not self.is_role:
            raise UserError(_("%(group)s is not a role.", group=self.name))
        entities = self.env["crm.role.entity"]._crm_by_code()
        if entity not in entities or action not in ACTIONS or scope not in SCOPE_RANK:
            raise UserError(
                _(
                    "Unknown permission %(entity)s / %(action)s / %(scope)s.",
                    entity=entity,
                    action=action,
                    scope=scope,
                )
            )
        with self._crm_compiling_once() as role:
            row = role.role_permission_ids.filtered(lambda p: p.entity == entity)
            if not row:
                row = role.env["crm.role.permission"].create(
                    {"group_id": role.id, "entity": entity}
                )
            row.write({f"{action}_scope": scope})
        return True

    def _crm_scopes(self):
        """{entity: {action: scope}} of this role."""
        self.ensure_one()
        scopes = self.env["crm.role.permission"]._crm_empty_matrix()
        for row in self.role_permission_ids:
            if row.entity in scopes:
                scopes[row.entity] = {a: row[f"{a}_scope"] for a in ACTIONS}
        return scopes

    @api.model
    def _crm_contacts_public(self):
        """Whether Settings make contacts and companies visible to everyone."""
        # Settings delete the parameter when the box is unticked; sudo: a
        # setting that applies to every user alike
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_CONTACTS_PUBLIC
        ) not in (None, False, "False", "0", "")

    def _crm_effective_scopes(self, contacts_public):
        """``_crm_scopes()`` as the rules apply them: with ``contacts_public``,
        a role granting any CRM right views every contact and company."""
        scopes = self._crm_scopes()
        if contacts_public and self._crm_grants_anything():
            for entity in self.env["crm.role.entity"]._crm_registry():
                if entity.model == "res.partner":
                    scopes[entity.code]["view"] = "all"
        return scopes

    def _crm_grants_anything(self):
        """Whether this role grants any CRM right (roles that do are 'CRM roles')."""
        self.ensure_one()
        return any(
            scope != "none"
            for actions in self._crm_scopes().values()
            for scope in actions.values()
        )

    crm_role_editable = fields.Boolean(
        compute="_compute_crm_role_editable",
        help="Whether the current user may change what this role gives (the "
        "Owner and Admin roles: the Owner only).",
    )

    @api.depends_context("uid")
    def _compute_crm_role_editable(self):
        for role in self:
            try:
                role._crm_check_can_manage_roles()
                role.crm_role_editable = True
            except AccessError:
                role.crm_role_editable = False

    def _crm_check_can_manage_roles(self, permissions=None, vals=None, definition=True):
        """Only Owner/Admin (user managers) or holders of 'manage roles' edit
        roles; what the Owner and Admin roles are (their matrix, extra rights,
        implied groups, name), only the Owner.

        Delegated role managers may set scopes no wider than their own.
        """
        if self.env.su:
            return
        user = self.env.user
        roles = self | (permissions.group_id if permissions else self.browse())
        protected = roles & self._crm_protected_roles()
        if definition and protected and not user._crm_is_owner():
            raise AccessError(
                _(
                    "Only the Owner changes the rights of the %(roles)s role.",
                    roles=", ".join(protected.mapped("name")),
                )
            )
        if user.has_group("base.group_erp_manager"):
            return
        if not user._crm_has_extra("role_can_manage_roles"):
            raise AccessError(_("Only role managers can change roles."))
        if protected:
            raise AccessError(
                _(
                    "Only the Owner and Admins change %(roles)s.",
                    roles=", ".join(protected.mapped("name")),
                )
            )
        for permission in permissions or []:
            scopes = {
                action: (vals or {}).get(f"{action}_scope")
                or permission[f"{action}_scope"]
                for action in ACTIONS
            }
            too_wide = user._crm_rights_beyond({permission.entity: scopes})
            if too_wide:
                raise AccessError(
                    _(
                        "You cannot grant %(rights)s on %(role)s: "
                        "it goes beyond your own rights.",
                        rights=", ".join(too_wide),
                        role=permission.group_id.name,
                    )
                )

    @api.model
    def _crm_role_problems(self, roles):
        """{role: why the current user cannot give it by invitation, or False}.

        A user manager (Owner, Admin) gives any role but the Owner; a
        delegated user manager only roles within their own rights.
        """
        owner = self.env["res.groups"]._crm_role("owner")
        user = self.env.user
        delegated = not (self.env.su or user.has_group("base.group_erp_manager"))
        problems = {}
        for role in roles:
            problems[role] = False
            if not role.is_role:
                problems[role] = _("%(group)s is not a role.", group=role.display_name)
            elif role == owner:
                problems[role] = _(
                    "The Owner role cannot be given by invitation: there is "
                    "exactly one Owner."
                )
            elif delegated:
                try:
                    # sudo: reads the role's rights to compare them with the
                    # inviter's own, who is passed explicitly
                    self.env["res.users"].sudo().browse()._crm_check_within_rights_of(
                        user, role
                    )
                except AccessError as error:
                    problems[role] = str(error)
        return problems

    @api.model
    def _crm_givable_roles(self):
        """The roles the current user may give: the role and invitation
        wizards offer these, and only these are accepted."""
        # sudo: every role, to compare its rights with the user's
        roles = self.env["res.groups"].sudo().search([("is_role", "=", True)])
        problems = self._crm_role_problems(roles)
        return roles.filtered(lambda role: not problems[role]).sudo(False)

    def _crm_sync_implied_groups(self):
        """Roles (and personal groups) imply base.group_user, the CRM app
        when they view leads or deals, and the export feature when they allow
        export."""
        salesman = self.env.ref("sales_team.group_sale_salesman")
        export = self.env.ref("base.group_allow_export")
        internal = self.env.ref("base.group_user")
        user_manager = self.env.ref(
            "crm_user_management.group_crm_user_manager", raise_if_not_found=False
        )
        trash = self.env.ref(
            "crm_user_management.group_crm_trash", raise_if_not_found=False
        )
        trashed_entities = {
            entity.code
            for entity in self.env["crm.role.entity"]._crm_registry()
            if entity.model in VISIBILITY_MODELS
        }
        for role in self:
            scopes = role._crm_scopes()
            extras = role._crm_extra_values()
            wanted = {
                salesman: any(
                    scopes[e]["view"] != "none" for e in ("lead", "deal") if e in scopes
                ),
                export: extras["role_can_export"],
            }
            if role.is_role:  # a personal group's user is internal already
                wanted[internal] = True
            if user_manager:  # upgrades: once the security data is loaded
                wanted[user_manager] = extras["role_can_manage_users"]
            if trash:
                wanted[trash] = any(
                    scopes[code]["delete"] != "none"
                    for code in trashed_entities
                    if code in scopes
                )
            commands = [
                Command.link(g.id) if want else Command.unlink(g.id)
                for g, want in wanted.items()
                if want != (g in role.implied_ids)
            ]
            if commands:
                # implying base.group_user makes the members internal: seats
                with self.env["res.users"]._crm_seat_guard():
                    # sudo: implied groups follow the compiled matrix of the role
                    role.sudo()._crm_write_derived({"implied_ids": commands})
                    role._crm_refresh_user_types()
                role.users._crm_sync_stock_groups()
        return True
