# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import SUPERUSER_ID, Command, _, api, models
from odoo.exceptions import UserError

from .crm_access_compiler import widest
from .crm_constants import ROLE_EXTRAS, changes_memberships
from .crm_transaction import collection


class ResUsers(models.Model):
    """Roles held by users: the default role, the stock groups that follow
    roles, effective rights."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._crm_settle_default_role()
        # stock groups given at creation stay: the guard narrows role holders
        users._crm_after_role_change({}, sync_stock_groups=False)
        return users

    def write(self, vals):
        if not changes_memberships(vals):
            return super().write(vals)
        before = self._crm_roles_by_user()
        res = super().write(vals)
        self._crm_after_role_change(before)
        return res

    def _inverse_crm_role_ids(self):
        # the roles ticked on the user form replace the user's roles, with the
        # checks of set_roles (Owner never given, a delegate within rights)
        for roles, users in self.grouped("crm_role_ids").items():
            if roles != users.groups_id.filtered("is_role"):
                users.set_roles(roles.ids)

    def _crm_roles_by_user(self):
        """{user id: frozenset of role ids} for these users."""
        # from the groups, not crm_role_ids: its cache holds the new value
        # while the user form's roles are being written (its inverse)
        return {
            user.id: frozenset(user.groups_id.filtered("is_role").ids) for user in self
        }

    def _crm_role_governed(self):
        """The users roles govern: internal users, but neither the superuser nor
        the template of new users (Odoo copies groups given to the template onto
        every internal user)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        return self.filtered(
            lambda u: not u.share and u.id != SUPERUSER_ID and u != template
        )

    @api.model
    def _default_groups(self):
        """The stock default groups, plus the default role (and what it implies)
        for internal users: new users hold it from their creation on, without a
        membership write (and its registry cache clearing) afterwards."""
        # a batch of new users: the groups computed once for it (in the
        # transaction, never in the context a caller could fill)
        batch = collection(self.env, "default_groups")
        if batch and "ids" in batch:
            return self.env["res.groups"].browse(batch["ids"])
        groups = super()._default_groups() or self.env["res.groups"]
        if (collection(self.env, "template_groups_change") or {}).get("on"):
            return self._crm_groups_without_roles(groups)
        default = self.env["res.groups"]._crm_default_role()
        internal_id = self.env["ir.model.data"]._xmlid_to_res_id("base.group_user")
        if default and internal_id in groups.ids and not groups.filtered("is_role"):
            # the default role means what it says: the Sales and export groups
            # of the template (sales_team gives it Sales Administrator) stay out
            groups -= self._crm_managed_stock_groups() | self.env.ref(
                "base.group_partner_manager"
            )
            groups |= default | default.trans_implied_ids
        return groups

    @api.model
    def _crm_groups_without_roles(self, groups):
        """``groups`` less its roles and what only roles bring: what a change
        of the template's groups may hand to existing users."""
        # roles, and plain groups implying one (they would hand it out too;
        # stock spreads before it adds the implied groups to the template)
        roles = groups.filtered(
            lambda g: g.is_role or g.trans_implied_ids.filtered("is_role")
        )
        internal = self.env.ref("base.group_user")
        brought = roles.trans_implied_ids - internal - internal.trans_implied_ids
        return groups - roles - brought - self._crm_managed_stock_groups()

    def _crm_settle_default_role(self):
        """New users: the default role for those without a role, and not on top
        of another role (the user form starts with the default role ticked)."""
        default = self.env["res.groups"]._crm_default_role()
        doubled = self.filtered(
            lambda u: default in u.groups_id and len(u.crm_role_ids) > 1
        )
        # with it go the stock groups only it brought (their other roles give
        # what they give; stock groups given otherwise at creation stay)
        brought = default.trans_implied_ids & self._crm_managed_stock_groups()
        for roles, users in doubled.grouped(
            lambda u: u.groups_id.filtered("is_role") - default
        ).items():
            taken_back = default | (brought - roles.trans_implied_ids)
            # sudo + derived write: only takes groups back, from users just
            # created by the caller, who hold another role
            users.sudo()._crm_write_derived(
                {"groups_id": [Command.unlink(g.id) for g in taken_back]}
            )
        return self._crm_give_default_role()

    def _crm_give_default_role(self):
        """Governed users holding no role get the default role."""
        default = self.env["res.groups"]._crm_default_role()
        roleless = self._crm_role_governed().filtered(
            lambda u: not u.groups_id.filtered("is_role")
        )
        if default and roleless:
            # sudo + derived write: the default role grants nothing beyond being
            # internal
            return roleless.sudo()._crm_write_derived(
                {"groups_id": [Command.link(default.id)]}
            )
        return True

    @api.model
    def _crm_install_roles(self):
        """At install: every governed user holds a role."""
        users = self.with_context(active_test=False).search([("share", "=", False)])
        users._crm_give_default_role()
        self.env["crm.role.assignment"]._crm_sync()

    def _crm_after_role_change(self, before, sync_stock_groups=True):
        """Keep the role invariants after a change of memberships.

        ``before``: the ``_crm_roles_by_user()`` of these users before it;
        ``sync_stock_groups``: reset their stock Sales groups to their roles'.
        """
        default = self.env["res.groups"]._crm_default_role()
        after = self._crm_roles_by_user()
        changed = self._crm_role_governed().filtered(
            lambda u: after[u.id] != before.get(u.id, frozenset())
        )
        if not changed:
            return
        stripped = changed.filtered(lambda u: not after[u.id])
        only_default = stripped.filtered(
            lambda u: before.get(u.id) == frozenset(default.ids)
        )
        if only_default:
            raise UserError(
                _(
                    "%(users)s only hold(s) the role %(role)s and cannot be removed "
                    "from it: give them another role first.",
                    users=", ".join(only_default.mapped("name")),
                    role=default.name,
                )
            )
        stripped._crm_give_default_role()
        self._crm_check_single_owner()
        if sync_stock_groups:
            changed._crm_sync_stock_groups()
        self.env["crm.role.assignment"]._crm_sync(changed)
        changed._crm_log_role_changes(before)

    def _crm_log_role_changes(self, before):
        """Log the roles of these users against ``before`` (as in
        ``_crm_after_role_change``)."""
        after = self._crm_roles_by_user()
        groups = self.env["res.groups"]
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "membership",
                    "user_id": user.id,
                    "description": self.env._("Roles"),
                    "old_value": ", ".join(
                        groups.browse(sorted(before.get(user.id, ()))).mapped("name")
                    ),
                    "new_value": ", ".join(
                        groups.browse(sorted(after[user.id])).mapped("name")
                    ),
                }
                for user in self
            ]
        )

    @api.model
    def _crm_check_single_owner(self):
        owner_role = self.env["res.groups"]._crm_role("owner")
        # sudo: counting the Owner role's members, whoever changed memberships
        if (
            owner_role
            and len(owner_role.sudo().with_context(active_test=False).users) != 1
        ):
            raise UserError(
                _("There is exactly one Owner: that role is neither given nor taken.")
            )

    @api.model
    def _crm_managed_stock_groups(self):
        """The stock groups that follow the roles of role holders."""
        xmlid_to_res_id = self.env["ir.model.data"]._xmlid_to_res_id
        ids = (
            # ours is missing during an upgrade, until its data is loaded
            xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in (
                "sales_team.group_sale_salesman",
                "sales_team.group_sale_salesman_all_leads",
                "sales_team.group_sale_manager",
                "base.group_allow_export",
                "crm_user_management.group_crm_user_manager",
            )
        )
        return self.env["res.groups"].browse([i for i in ids if i])

    @api.model
    def _crm_role_implied_groups(self):
        """The plain groups some role implies, but Internal User and what it
        implies (every internal user keeps those)."""
        # sudo: the roles' implied groups, whoever changed memberships
        roles = self.env["res.groups"].sudo().search([("is_role", "=", True)])
        internal = self.env.ref("base.group_user")
        implied = roles.trans_implied_ids.filtered(lambda g: not g.is_role)
        return (implied - internal - internal.trans_implied_ids).sudo(False)

    def _crm_sync_stock_groups(self):
        """Stock CRM groups and the export feature follow the roles: a user whose
        roles view no lead or deal does not see the CRM app, and only roles
        allowing export give the export feature; what a role implies (Settings,
        say) is held through a role that implies it, and goes with it."""
        managed = self._crm_managed_stock_groups() | self._crm_role_implied_groups()
        by_change = defaultdict(lambda: self.browse())
        for user in self._crm_role_governed():
            roles = user.groups_id.filtered("is_role")
            if not roles:
                continue
            # a tailored user's derived groups are their personal group's
            roles |= user.groups_id.filtered("crm_personal_user_id")
            wanted = (roles | roles.trans_implied_ids) & managed
            extra = (user.groups_id & managed) - wanted
            missing = wanted - user.groups_id
            if extra or missing:
                by_change[(extra, missing)] |= user
        for (extra, missing), users in by_change.items():
            # sudo + derived write: these groups are derived from roles just checked
            users.sudo()._crm_write_derived(
                {
                    "groups_id": [Command.unlink(g.id) for g in extra]
                    + [Command.link(g.id) for g in missing]
                }
            )
        return True

    def get_effective_permissions(self):
        """Return the union of the user's roles: {entity: {action: scope}}.

        Entities: lead, deal, contact, company, activity; actions: view,
        create, edit, delete; scopes: none, own, team, all.
        """
        self.ensure_one()
        if self != self.env.user:
            self._crm_check_can_read_rights()
        return self._crm_scope_union(self.env["res.groups"]._crm_contacts_public())

    def _crm_scope_union(self, contacts_public):
        """The user's effective scopes, {entity: {action: scope}}: the union of
        their roles' (a tailored user's: with their adjustments in place), as
        the rules apply them with ``contacts_public``, or the matrices alone."""
        if self._crm_is_tailored():
            return self._crm_personal_scopes(contacts_public)
        return self._crm_roles_scope_union(contacts_public)

    def _crm_roles_scope_union(self, contacts_public):
        """The union of the user's roles' scopes alone (``_crm_scope_union``)."""
        result = self.env["crm.role.permission"]._crm_empty_matrix()
        # sudo: the user's own roles, or a user manager looking at them
        for role in self.sudo().groups_id.filtered("is_role"):
            for entity, actions in role._crm_effective_scopes(contacts_public).items():
                for action, scope in actions.items():
                    result[entity][action] = widest((scope, result[entity][action]))
        return result

    def get_effective_extras(self):
        """Return the extra rights of the user's roles: {name: bool}."""
        self.ensure_one()
        if self != self.env.user:
            self._crm_check_can_read_rights()
        return self._crm_extras()

    def _crm_extras(self):
        """{extra right: bool} of the user's roles, adjustments in place (no
        access check)."""
        # sudo: the user's own roles, or a caller that checked who asks
        roles = self.sudo().groups_id.filtered("is_role")
        extras = {key: any(roles.mapped(key)) for key in ROLE_EXTRAS}
        if self._crm_is_tailored():
            return self._crm_personal_extras(extras)
        return extras

    def _crm_has_extra(self, key):
        return self._crm_extras()[key]

    def _crm_is_crm_role_holder(self):
        """Whether the matrix governs this user: a role granting a CRM right,
        or rights tailored for them."""
        # sudo: reading the user's own roles
        return self._crm_is_tailored() or any(
            r._crm_grants_anything() for r in self.sudo().groups_id.filtered("is_role")
        )

    def _crm_sees_everything(self):
        """The Owner and Admins see every record, whatever its visibility."""
        roles = self.env["res.groups"]._crm_protected_roles()
        # sudo: reading the user's own membership of the Owner and Admin roles
        return bool(roles & self.sudo().groups_id)

    def _crm_is_owner(self):
        owner_role = self.env["res.groups"]._crm_role("owner")
        # sudo: reading the user's own membership of the Owner role
        return bool(owner_role) and owner_role in self.sudo().groups_id
