# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from odoo import Command, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..hooks import crm_module_uninstalling
from .crm_role_permission import ACTIONS, ENTITIES, ENTITY_SELECTION, SCOPE_RANK
from .crm_transaction import collecting, collection
from .crm_visibility_mixin import VISIBILITY_MODELS

PARAM_CONTACTS_PUBLIC = "crm_user_management.contacts_public"
# matrix action -> ir.model.access / ir.rule mode
ACTION_MODES = {"view": "read", "create": "create", "edit": "write", "delete": "unlink"}
CRM_MODELS = ("crm.lead", "res.partner", "mail.activity")
# models whose matrix entities cover every record (type and is_company are
# never anything else)
COVERED_MODELS = ("crm.lead", "res.partner")
# records of CRM models that the matrix never governs (role holders keep stock access)
UNGOVERNED = {
    "crm.lead": [],
    # partners of internal users and of the companies of the database
    "res.partner": [
        "('partner_share', '=', False)",
        "('id', 'in', user.company_ids.partner_id.ids)",
    ],
    # activities on documents other than leads, deals and contacts
    "mail.activity": ["('res_model', 'not in', ['crm.lead', 'res.partner'])"],
}
TEAM_MEMBER_LEAF = {
    "crm.lead": "('team_id.member_ids', 'in', [user.id])",
    "res.partner": "('user_id.crm_team_ids.member_ids', 'in', [user.id])",
    "mail.activity": "('user_id.crm_team_ids.member_ids', 'in', [user.id])",
}
TRUE_LEAF, FALSE_LEAF = "(1, '=', 1)", "(0, '=', 1)"
ROLE_EXTRAS = (
    "role_can_export",
    "role_can_merge",
    "role_can_reassign",
    "role_can_manage_users",
    "role_can_manage_roles",
)
PROTECTED_ROLES = ("owner", "admin")


def _or_terms(terms):
    """Prefix-notation OR of single-term token lists."""
    terms = [t for t in terms if t != [FALSE_LEAF]]
    if not terms:
        return [FALSE_LEAF]
    if [TRUE_LEAF] in terms:
        return [TRUE_LEAF]
    return ["'|'"] * (len(terms) - 1) + [token for term in terms for token in term]


def _and_terms(terms):
    """Prefix-notation AND of single-term token lists."""
    terms = [t for t in terms if t != [TRUE_LEAF]]
    if [FALSE_LEAF] in terms:
        return [FALSE_LEAF]
    if not terms:
        return [TRUE_LEAF]
    return ["'&'"] * (len(terms) - 1) + [token for term in terms for token in term]


def _scope_term(model, scope):
    if scope == "all":
        return [TRUE_LEAF]
    if scope == "none":
        return [FALSE_LEAF]
    own = ["('user_id', '=', user.id)"]
    if scope == "own":
        return own
    return _or_terms([own, [TEAM_MEMBER_LEAF[model]]])


def _entity_union(model, scope_terms):
    """OR of ``entity condition AND scope term`` over the entities of a model.

    When the entities of a model cover all its records (leads and deals,
    contacts and companies) and share one scope, the union is that scope
    alone: simpler SQL, and PostgreSQL estimates its rows better.
    """
    distinct = {tuple(term) for term in scope_terms.values()}
    if model in COVERED_MODELS and len(distinct) == 1:
        return list(distinct.pop())
    return _or_terms(
        [
            _and_terms([[ENTITIES[entity][1]], term])
            for entity, term in scope_terms.items()
        ]
    )


def _domain_text(term):
    return "[" + ", ".join(term) + "]"


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
                    vals["role_permission_ids"] = [
                        Command.create({"entity": entity})
                        for entity, _label in ENTITY_SELECTION
                    ]
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
        if entity not in ENTITIES or action not in ACTIONS or scope not in SCOPE_RANK:
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
        scopes = {
            entity: dict.fromkeys(ACTIONS, "none")
            for entity, _label in ENTITY_SELECTION
        }
        for row in self.role_permission_ids:
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
            for entity, (model, _domain) in ENTITIES.items():
                if model == "res.partner":
                    scopes[entity]["view"] = "all"
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
        """Rebuild every role's ACLs and rules, and the matrix guards, in one pass.

        Per role and CRM model: one ``ir.model.access`` and one group rule for
        the modes the role allows, owned by the role (they grant; the rule is
        ``[(1, '=', 1)]`` so that stock group rules, OR-ed with it, cannot
        narrow the role). Per model and mode: one global rule, the guard, that
        narrows users holding a CRM role to the union of their roles' scopes,
        so that stock groups never widen the matrix either.
        """
        if crm_module_uninstalling(self.env):
            # the module is going (its role groups with it): rules rebuilt now
            # would outlive it, naming fields it drops (uninstall_hook)
            return True
        asked = collection(self.env, "compile")
        if asked is not None:
            asked["compile"] = True  # done at the end of _crm_compiling_once
            return True
        # sudo: compiling is the consequence of a checked change to a role
        roles = (
            self.sudo()
            .with_context(active_test=False)
            .search([("is_role", "=", True)], order="id")
        )
        contacts_public = self._crm_contacts_public()
        model_ids = {name: self.env["ir.model"]._get_id(name) for name in CRM_MODELS}
        acl_vals, rule_vals = [], []
        guard_terms = {
            (m, mode): {} for m in CRM_MODELS for mode in ACTION_MODES.values()
        }
        for role in roles:
            scopes = role._crm_effective_scopes(contacts_public)
            crm_role = role._crm_grants_anything()
            for model in CRM_MODELS:
                entities = [e for e, (m, _d) in ENTITIES.items() if m == model]
                perms = {}
                for action, mode in ACTION_MODES.items():
                    scope_terms = {}
                    for entity in entities:
                        scope_terms[entity] = _scope_term(model, scopes[entity][action])
                    term = _entity_union(model, scope_terms)
                    perms[mode] = term != [FALSE_LEAF]
                    if crm_role:
                        guard_terms[(model, mode)][role.id] = term
                if any(perms.values()):
                    rule_vals.append(
                        {
                            "name": f"CRM role {role.name}: {model}",
                            "model_id": model_ids[model],
                            "groups": [Command.set(role.ids)],
                            # the guard narrows holders to their roles' scopes;
                            # this rule only keeps stock group rules (OR-ed with
                            # it) from narrowing further, in the modes the role
                            # allows. Repeating the scope here would only make
                            # PostgreSQL underestimate the rows.
                            "domain_force": _domain_text([TRUE_LEAF]),
                            "crm_generated": True,
                            **{f"perm_{mode}": ok for mode, ok in perms.items()},
                        }
                    )
                    acl_vals.append(
                        {
                            "name": f"CRM role {role.name}: {model}",
                            "model_id": model_ids[model],
                            "group_id": role.id,
                            "crm_generated": True,
                            **{f"perm_{mode}": ok for mode, ok in perms.items()},
                        }
                    )
        for (model, mode), by_role in guard_terms.items():
            guard = self._crm_guard_domain(model, by_role)
            if guard:
                rule_vals.append(
                    {
                        "name": f"CRM role matrix guard: {model} {mode}",
                        "model_id": model_ids[model],
                        "domain_force": guard,
                        "crm_generated": True,
                        **{f"perm_{m}": m == mode for m in ACTION_MODES.values()},
                    }
                )
        rule_vals += self._crm_visibility_rule_vals()
        # sudo: generated records only, rebuilt as a whole
        access = self.env["ir.model.access"].sudo()
        rules = self.env["ir.rule"].sudo()
        access.search([("crm_generated", "=", True)]).unlink()
        rules.with_context(active_test=False).search(
            [("crm_generated", "=", True)]
        ).unlink()
        access.create(acl_vals)
        rules.create(rule_vals)
        roles._crm_sync_implied_groups()
        return True

    @api.model
    def _crm_visibility_rule_vals(self):
        """Global rules: a record's visibility narrows who sees it, on top of
        the roles; the Owner and Admins see everything."""
        sees_all = self._crm_protected_roles().ids
        bypass = f"set({sees_all!r}) & set(user.groups_id.ids)"

        def visible(prefix):
            return (
                f"['|', '|', ('{prefix}visibility', '=', 'everyone'), "
                f"('{prefix}user_id', '=', user.id), "
                f"'&', ('{prefix}visibility', '=', 'groups'), "
                f"('{prefix}visibility_search_group_ids', 'in', user.groups_id.ids)]"
            )

        # a contact of a restricted company is restricted with it (its name,
        # address and company name are the company's), users' contacts aside
        within = {
            "crm.lead": visible(""),
            "res.partner": f"['&'] + {visible('')} + ['|', ('user_ids', '!=', False)]"
            f" + {visible('commercial_partner_id.')}",
        }
        all_modes = {f"perm_{m}": True for m in ACTION_MODES.values()}
        vals = [
            {
                "name": f"CRM visibility: {model}",
                "model_id": self.env["ir.model"]._get_id(model),
                "domain_force": f"[{TRUE_LEAF}] if {bypass} else {within[model]}",
                "crm_generated": True,
                **all_modes,
            }
            for model in VISIBILITY_MODELS
        ]
        # the activity report reads leads through SQL: same visibility, and trash
        report = (
            "['|', ('lead_id', '=', False), "
            "'&', ('lead_id.crm_trash_date', '=', False)] + "
            f"([{TRUE_LEAF}] if {bypass} else {visible('lead_id.')})"
        )
        vals.append(
            {
                "name": "CRM visibility: crm.activity.report",
                "model_id": self.env["ir.model"]._get_id("crm.activity.report"),
                "domain_force": report,
                "crm_generated": True,
                **all_modes,
            }
        )
        return vals

    @api.model
    def _crm_guard_domain(self, model, by_role):
        """Domain text of the guard rule: for a user holding CRM roles, the
        union of their roles' terms; for anyone else, no restriction.

        Group membership is read from ``user.groups_id``: any change of it
        clears the rule cache of every worker (res.users.write).
        """
        if not by_role or all(term == [TRUE_LEAF] for term in by_role.values()):
            return False
        ids = "{" + ", ".join(str(i) for i in by_role) + "}"
        held = f"set(user.groups_id.ids) & {ids}"
        parts = " + ".join(
            f"({_domain_text(term)} if {role_id} in user.groups_id.ids else [])"
            for role_id, term in by_role.items()
        )
        union = f"['|'] * (len({held}) - 1) + {parts}"
        ungoverned = UNGOVERNED[model]
        if ungoverned:
            # ungoverned records stay visible: OR them in front of the union
            union = (
                f"{['|'] * len(ungoverned)!r} + [{', '.join(ungoverned)}] + ({union})"
            )
        return f"({union}) if {held} else [{TRUE_LEAF}]"

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
                salesman: any(scopes[e]["view"] != "none" for e in ("lead", "deal")),
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
