# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from odoo import Command, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..hooks import crm_module_uninstalling
from .crm_access_compiler import ACTIONS, SCOPE_RANK
from .crm_transaction import collecting, collection
from .crm_visibility_mixin import VISIBILITY_MODELS

PARAM_CONTACTS_PUBLIC = "crm_user_management.contacts_public"
ROLE_EXTRAS = (
    "role_can_export",
    "role_can_merge",
    "role_can_reassign",
    "role_can_manage_users",
    "role_can_manage_roles",
)
PROTECTED_ROLES = ("owner", "admin")


class ResGroups(models.Model):
    _inherit = "res.groups"

    is_role = fields.Boolean(
        string="Is a Role",
        index=True,
        copy=True,
        help="A CRM role: a permission matrix compiled into access rights "
        "and record rules for the role's users.",
    )
    is_default_role = fields.Boolean(
        string="Default Role",
        copy=False,
        help="Every internal user holds at least one role; "
        "users without any other role hold this one.",
    )
    role_permission_ids = fields.One2many(
        "crm.role.permission", "group_id", string="Permissions", copy=True
    )
    role_can_export = fields.Boolean(string="Export", copy=True)
    role_can_merge = fields.Boolean(string="Merge Leads", copy=True)
    role_can_reassign = fields.Boolean(string="Change Salesperson", copy=True)
    role_can_manage_users = fields.Boolean(string="Manage Users", copy=True)
    role_can_manage_roles = fields.Boolean(string="Manage Roles", copy=True)
    role_assignment_ids = fields.One2many(
        "crm.role.assignment", "group_id", string="Assignments", readonly=True
    )
    member_count = fields.Integer(string="Members", compute="_compute_member_count")
    is_protected_role = fields.Boolean(compute="_compute_is_protected_role")
    is_visibility_group = fields.Boolean(
        index=True,
        copy=True,
        help="A visibility group grants nothing: records visible to chosen "
        "groups are seen by the members of those groups only.",
    )
    visibility_record_count = fields.Integer(
        string="Records Guarded", compute="_compute_visibility_record_count"
    )

    _sql_constraints = (
        (
            "default_role_is_role",
            "CHECK(is_default_role IS NOT TRUE OR is_role)",
            "The default role must be a role.",
        ),
    )

    @api.depends("users")
    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.users)

    def _compute_visibility_record_count(self):
        counts = self._crm_visibility_record_counts()
        for group in self:
            group.visibility_record_count = counts.get(group.id, 0)

    def _crm_visibility_record_counts(self):
        """{group id: number of leads and partners visible to it}."""
        groups = self.filtered("is_visibility_group")
        if not groups.ids:
            return {}
        counts = {}
        for model in VISIBILITY_MODELS:
            records = self.env[model]
            field = records._fields["visibility_group_ids"]
            records.flush_model(["visibility_group_ids"])
            rows = self.env.execute_query(
                SQL(
                    "SELECT %s, count(*) FROM %s WHERE %s = ANY(%s) GROUP BY 1",
                    SQL.identifier(field.column2),
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column2),
                    groups.ids,
                )
            )
            for group_id, count in rows:
                counts[group_id] = counts.get(group_id, 0) + count
        return counts

    def _compute_is_protected_role(self):
        protected = self._crm_protected_roles()
        for group in self:
            group.is_protected_role = group in protected or group.is_default_role

    @api.model
    def _crm_role(self, name):
        """The predefined role ``crm_user_management.role_<name>``, if it exists."""
        return self.env.ref(
            f"crm_user_management.role_{name}", raise_if_not_found=False
        )

    @api.model
    def _crm_protected_roles(self):
        return self.browse([r.id for r in map(self._crm_role, PROTECTED_ROLES) if r])

    @api.model
    def _crm_default_role(self):
        """The default role (empty if none), of every user holding no other."""
        return self.browse(self._crm_default_role_id())

    @api.model
    @tools.ormcache(cache="groups")
    def _crm_default_role_id(self):
        # cached with the groups (read for each new user's default groups);
        # group creation and deletion clear that cache, and so does write()
        # when it changes which role is the default
        # sudo: which role is the default is not a secret; every user gets it
        return self.sudo().search([("is_default_role", "=", True)], limit=1).id

    @api.constrains("is_visibility_group", "is_role", "implied_ids")
    def _check_visibility_group_grants_nothing(self):
        for group in self.filtered("is_visibility_group"):
            if group.is_role or group.implied_ids:
                raise ValidationError(
                    _(
                        "%(group)s is a visibility group: it cannot be a role "
                        "nor grant other groups.",
                        group=group.name,
                    )
                )

    @api.constrains("is_default_role")
    def _check_single_default_role(self):
        if self.search_count([("is_default_role", "=", True)]) > 1:
            raise UserError(_("There is exactly one default role."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        # super().create() is called by _crm_create()
        with self._crm_compiling_once() as groups:
            return groups._crm_create(vals_list).with_env(self.env)

    def _crm_create(self, vals_list):
        category = self.env.ref(
            "crm_user_management.module_category_crm_roles", raise_if_not_found=False
        )
        visibility_category = self.env.ref(
            "crm_user_management.module_category_crm_visibility",
            raise_if_not_found=False,
        )
        for vals in vals_list:
            if vals.get("is_visibility_group") and not vals.get("category_id"):
                vals["category_id"] = visibility_category.id
            if vals.get("is_role"):
                if category and not vals.get("category_id"):
                    vals["category_id"] = category.id
                if not vals.get("role_permission_ids"):
                    vals["role_permission_ids"] = self.env[
                        "crm.role.permission"
                    ]._crm_new_matrix_commands()
        if any(vals.get("is_role") for vals in vals_list):
            self._crm_check_can_manage_roles()
        if any(vals.get("is_visibility_group") for vals in vals_list):
            self._crm_check_can_manage_visibility_groups()
        groups = super().create(vals_list)
        roles = groups.filtered("is_role")
        if roles:
            self.env["crm.audit.log"]._crm_log(
                [
                    {
                        "event": "role",
                        "group_id": r.id,
                        "description": self.env._("Created"),
                        "new_value": r.name,
                    }
                    for r in roles
                ]
            )
            self._crm_compile_roles()
            if roles.users:
                roles.users._crm_after_role_change({})
        return groups

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for group, vals in zip(self, vals_list, strict=True):
            if group.is_role:
                # "Copy": same rights, no users; compiled rules come from the matrix
                vals.update(
                    name=_("%(name)s (Copy)", name=group.name),
                    users=[],
                    model_access=[],
                    rule_groups=[],
                )
        return vals_list

    def write(self, vals):  # pylint: disable=method-required-super
        # super().write() is called by _crm_write()
        with self._crm_compiling_once() as groups:
            return groups._crm_write(vals)

    def _crm_write(self, vals):
        role_keys = {"is_role", "is_default_role", *ROLE_EXTRAS}
        touches_roles = any(self.mapped("is_role")) or vals.get("is_role")
        if touches_roles and (role_keys | {"users", "name"}) & set(vals):
            self._crm_check_can_manage_roles()
        if "is_role" in vals and not vals["is_role"]:
            self.filtered("is_role")._crm_check_role_can_go(_("stop being a role"))
        if vals.get("is_visibility_group") or any(self.mapped("is_visibility_group")):
            self._crm_check_can_manage_visibility_groups()
            if "is_visibility_group" in vals and not vals["is_visibility_group"]:
                guarding = self.filtered(lambda g: g.visibility_record_count)
                if guarding:
                    raise UserError(
                        _(
                            "%(groups)s still guards records: delete it instead, "
                            "so that its records fall back.",
                            groups=", ".join(guarding.mapped("name")),
                        )
                    )
        affected = None
        if vals.get("is_role"):
            # members of groups becoming roles: they now hold these roles
            affected = self.users
        if "users" in vals and any(self.mapped("is_role")):
            # the members now and the users the commands add: their roles before
            named = {
                user_id
                for command in vals["users"]
                if command[0] in (Command.LINK, Command.SET)
                for user_id in (
                    command[2] if command[0] == Command.SET else [command[1]]
                )
            }
            affected = (
                (affected or self.env["res.users"])
                | self.filtered("is_role").users
                | self.env["res.users"].browse(named)
            )
        before = affected._crm_roles_by_user() if affected else {}
        old_names = {g.id: g.name for g in self} if "name" in vals else {}
        # memberships that take seats are guarded around the whole change
        # (res_groups_protection)
        res = super().write(vals)
        if "is_default_role" in vals:
            self.env.registry.clear_cache("groups")  # _crm_default_role_id
        if touches_roles and (role_keys & set(vals)):
            self._crm_compile_roles()
            self._crm_log_extras(vals)
        if old_names and touches_roles:
            self.env["crm.audit.log"]._crm_log(
                [
                    {
                        "event": "role",
                        "group_id": g.id,
                        "description": self.env._("Renamed"),
                        "old_value": old_names[g.id],
                        "new_value": g.name,
                    }
                    for g in self
                    if g.is_role and old_names[g.id] != g.name
                ]
            )
        if affected is not None:
            (affected | self.filtered("is_role").users)._crm_after_role_change(before)
        return res

    def _crm_log_extras(self, vals):
        changed = [key for key in ROLE_EXTRAS if key in vals]
        if changed:
            self.env["crm.audit.log"]._crm_log(
                [
                    {
                        "event": "rights",
                        "group_id": g.id,
                        "description": ", ".join(
                            self._fields[key].string for key in changed
                        ),
                        "new_value": ", ".join(
                            f"{self._fields[key].string}={vals[key]}" for key in changed
                        ),
                    }
                    for g in self.filtered("is_role")
                ]
            )

    def _crm_check_role_can_go(self, what):
        """Refuse ``what`` (a role leaving) for the protected roles and for
        roles that still have users (archived ones included)."""
        self._crm_check_not_protected(what)
        in_use = self.filtered("users")
        if in_use:
            raise UserError(
                _(
                    "%(roles)s still has users and cannot %(what)s: move them to "
                    "another role first (Delete on the role form asks which).",
                    roles=", ".join(in_use.mapped("name")),
                    what=what,
                )
            )

    def _crm_check_not_protected(self, what):
        protected = self.filtered("is_protected_role")
        if protected:
            raise UserError(
                _(
                    "%(roles)s cannot %(what)s: Owner, Admin and the default role "
                    "always exist.",
                    roles=", ".join(protected.mapped("name")),
                    what=what,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_role_in_use(self):
        roles = self.filtered("is_role")
        if not roles:
            return
        roles._crm_check_can_manage_roles()
        roles._crm_check_role_can_go(_("be deleted"))
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "role",
                    "description": self.env._("Deleted"),
                    "old_value": r.name,
                }
                for r in roles
            ]
        )

    def unlink(self):
        if crm_module_uninstalling(self.env):
            # our groups leave with the module, whose hook removed the compiled
            # rules: no fallback on records whose visibility is about to go
            return super().unlink()
        roles = self.filtered("is_role")
        self.filtered("is_visibility_group")._crm_visibility_fallback()
        # sudo: the compiled rights and rules of roles being deleted (Odoo
        # refuses to delete a group they still name); recompiled just below
        roles.sudo().model_access.filtered("crm_generated").unlink()
        roles.sudo().rule_groups.filtered("crm_generated").unlink()
        res = super().unlink()
        if roles:
            self._crm_compile_roles()
        return res

    @api.model
    def _crm_action_roles(self):
        """The Roles menu's action (its list and form views)."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "crm_user_management.res_groups_action_role"
        )

    # ------------------------------------------------------------------
    # Visibility groups
    # ------------------------------------------------------------------
    def _crm_visibility_records_sql(self, model, alone):
        """Sub-select of the ids of ``model`` records visible to these groups
        and (``alone``) to no other group, or (not ``alone``) to another too."""
        field = self.env[model]._fields["visibility_group_ids"]
        return SQL(
            """SELECT DISTINCT r.%(rec)s AS id FROM %(rel)s r
                WHERE r.%(grp)s = ANY(%(ids)s)
                  AND %(exists)s (SELECT 1 FROM %(rel)s o
                                   WHERE o.%(rec)s = r.%(rec)s
                                     AND o.%(grp)s <> ALL(%(ids)s))""",
            rec=SQL.identifier(field.column1),
            rel=SQL.identifier(field.relation),
            grp=SQL.identifier(field.column2),
            ids=self.ids,
            exists=SQL("NOT EXISTS" if alone else "EXISTS"),
        )

    def _crm_visibility_fallback_counts(self):
        """What deleting these visibility groups does: ({model: number of
        records reverting to everyone}, number of records keeping other groups)."""
        reverting, keeping = {}, 0
        for model in VISIBILITY_MODELS:
            self.env[model].flush_model(["visibility", "visibility_group_ids"])
            reverting[model], kept = self.env.execute_query(
                SQL(
                    """SELECT (SELECT count(*) FROM (%s) a),
                              (SELECT count(*) FROM (%s) k)""",
                    self._crm_visibility_records_sql(model, alone=True),
                    self._crm_visibility_records_sql(model, alone=False),
                )
            )[0]
            keeping += kept
        return reverting, keeping

    def _crm_visibility_fallback(self):
        """Before these visibility groups go: records visible to them only
        revert to everyone; the others keep their other groups (seed 003).

        One UPDATE per model whatever the number of records; the link rows go
        with the groups (ON DELETE CASCADE).
        """
        if not self:
            return
        self._crm_check_can_manage_visibility_groups()
        reverted = {}
        for model in VISIBILITY_MODELS:
            self.env[model].flush_model(["visibility", "visibility_group_ids"])
            self.env.cr.execute(
                SQL(
                    """UPDATE %(table)s t SET visibility = 'everyone',
                              write_uid = %(uid)s,
                              write_date = now() AT TIME ZONE 'UTC'
                         FROM (%(alone)s) lone
                        WHERE lone.id = t.id AND t.visibility = 'groups'""",
                    table=SQL.identifier(self.env[model]._table),
                    uid=self.env.uid,
                    alone=self._crm_visibility_records_sql(model, alone=True),
                )
            )
            reverted[model] = self.env.cr.rowcount
            self.env[model].invalidate_model(
                ["visibility", "visibility_group_ids", "write_uid", "write_date"]
            )
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "visibility",
                    "group_id": False,
                    "description": self.env._("Visibility group deleted"),
                    "old_value": ", ".join(self.mapped("name")),
                    "new_value": self.env._(
                        "%(leads)s leads/deals and %(partners)s contacts/companies "
                        "reverted to everyone",
                        leads=reverted["crm.lead"],
                        partners=reverted["res.partner"],
                    ),
                }
            ]
        )

    def _crm_check_can_manage_visibility_groups(self):
        if self.env.su or self.env.user._crm_sees_everything():
            return
        raise AccessError(_("Only the Owner and Admins manage visibility groups."))

    def action_crm_delete_visibility_group(self):
        """Ask for confirmation, showing how many records revert to everyone."""
        self._crm_check_can_manage_visibility_groups()
        wizard = self.env["crm.visibility.group.delete.wizard"].create(
            {"group_ids": [Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Delete Visibility Group"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Role actions and API
    # ------------------------------------------------------------------
    def action_crm_delete_role(self):
        """Delete the role; when it has users, ask first where they go."""
        self.ensure_one()
        self._crm_check_not_protected(_("be deleted"))
        if self.users:
            return self.env["crm.role.reassign.wizard"].action_open(self)
        self.unlink()
        return self._crm_action_roles()

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

    # ------------------------------------------------------------------
    # Delegation
    # ------------------------------------------------------------------
    def _crm_check_can_manage_roles(self, permissions=None, vals=None):
        """Only Owner/Admin (user managers) or holders of 'manage roles' edit roles.

        Delegated role managers may set scopes no wider than their own.
        """
        if self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return
        user = self.env.user
        if not user._crm_has_extra("role_can_manage_roles"):
            raise AccessError(_("Only role managers can change roles."))
        roles = self | (permissions.group_id if permissions else self.browse())
        protected = roles & self._crm_protected_roles()
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

    # ------------------------------------------------------------------
    # The compiler: matrix -> ir.model.access + ir.rule
    # ------------------------------------------------------------------
    @contextlib.contextmanager
    def _crm_compiling_once(self):
        """Run a block with these records, in which the compilations asked for
        (``_crm_compile_roles``) are done once, at its end: a form saving a
        role and its matrix rows compiles once, not once per row. A block
        inside another joins it; the next statement after the outermost one
        sees the new rules."""
        with collecting(self.env, "compile") as (asked, outermost):
            yield self
        if outermost and asked:
            self._crm_compile_roles()

    @api.model
    def _crm_compile_roles(self):
        """Compile the matrices and visibility into rules (crm.access.compiler),
        at once or, inside ``_crm_compiling_once``, at the end of its block."""
        asked = collection(self.env, "compile")
        if asked is not None:
            asked["compile"] = True  # done at the end of _crm_compiling_once
            return True
        return self.env["crm.access.compiler"]._compile()

    def _crm_sync_implied_groups(self):
        """Roles imply base.group_user, the CRM app when they view leads or
        deals, and the export feature when they allow export."""
        salesman = self.env.ref("sales_team.group_sale_salesman")
        export = self.env.ref("base.group_allow_export")
        internal = self.env.ref("base.group_user")
        for role in self:
            scopes = role._crm_scopes()
            wanted = {
                internal: True,
                salesman: any(
                    scopes[e]["view"] != "none" for e in ("lead", "deal") if e in scopes
                ),
                export: role.role_can_export,
            }
            commands = [
                Command.link(g.id) if want else Command.unlink(g.id)
                for g, want in wanted.items()
                if want != (g in role.implied_ids)
            ]
            if commands:
                # implying base.group_user makes the members internal: seats
                with self.env["res.users"]._crm_seat_guard():
                    # sudo: implied groups follow the compiled matrix of the role
                    super(ResGroups, role.sudo()).write({"implied_ids": commands})
                    role._crm_refresh_user_types()
                role.users._crm_sync_stock_groups()
        return True
