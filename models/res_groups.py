# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from odoo import Command, _, api, fields, models, tools
from odoo.exceptions import UserError

from ..hooks import crm_module_uninstalling
from .crm_constants import PROTECTED_ROLES, ROLE_EXTRAS
from .crm_transaction import collecting, collection

# res.groups values that change what a role grants
ROLE_KEYS_OF_GROUPS = frozenset({"is_role", "is_default_role", *ROLE_EXTRAS})


class ResGroups(models.Model):
    """Roles: groups flagged as roles, whose matrix is compiled into rules; the
    first class of ``res.groups`` in the order of wrapping."""

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
    crm_can_give = fields.Boolean(
        string="You May Give",
        compute="_compute_crm_can_give",
        search="_search_crm_can_give",
        help="A role you may give: within your own rights, never Owner.",
    )
    is_protected_role = fields.Boolean(compute="_compute_is_protected_role")

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

    @api.depends_context("uid")
    def _compute_crm_can_give(self):
        allowed = self._crm_givable_roles()
        for group in self:
            group.crm_can_give = group in allowed

    def _search_crm_can_give(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on You May Give."))
        allowed = self._crm_givable_roles()
        inside = (operator == "=") == value
        return [("id", "in" if inside else "not in", allowed.ids)]

    def _compute_is_protected_role(self):
        protected = self._crm_protected_roles()
        for group in self:
            group.is_protected_role = group in protected or group.is_default_role

    @api.depends("name", "category_id.name", "is_role", "is_visibility_group")
    def _compute_display_name(self):
        # roles and visibility groups are named by their own name ("Closer",
        # not "CRM Roles / Closer") wherever they show: tags, checkboxes,
        # many2one choices, breadcrumbs, messages
        res = super()._compute_display_name()
        for group in self.filtered(lambda g: g.is_role or g.is_visibility_group):
            group.display_name = group.name
        return res

    @api.model
    def _get_hidden_extra_categories(self):
        # the Access Rights tab shows roles and visibility groups in its CRM
        # group (checkboxes, tags); the Sales groups follow the roles: all
        # three only in debug mode among Odoo's generated fields
        return super()._get_hidden_extra_categories() + [
            "crm_user_management.module_category_crm_roles",
            "crm_user_management.module_category_crm_visibility",
            "base.module_category_sales_sales",
        ]

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

    @api.constrains("is_default_role")
    def _check_single_default_role(self):
        if self.search_count([("is_default_role", "=", True)]) > 1:
            raise UserError(_("There is exactly one default role."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        with self._crm_compiling_once():
            category = self.env.ref(
                "crm_user_management.module_category_crm_roles",
                raise_if_not_found=False,
            )
            for vals in vals_list:
                if vals.get("is_role"):
                    if category and not vals.get("category_id"):
                        vals["category_id"] = category.id
                    if not vals.get("role_permission_ids"):
                        vals["role_permission_ids"] = self.env[
                            "crm.role.permission"
                        ]._crm_new_matrix_commands()
            if any(vals.get("is_role") for vals in vals_list):
                self._crm_check_can_manage_roles()
            groups = super().create(vals_list)
            groups.filtered("is_role")._crm_after_roles_created()
        return groups

    def _crm_after_roles_created(self):
        if not self:
            return
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "role",
                    "group_id": role.id,
                    "description": self.env._("Created"),
                    "new_value": role.name,
                }
                for role in self
            ]
        )
        self._crm_compile_roles()
        if self.users:
            self.users._crm_after_role_change({})

    def _crm_write_derived(self, vals):
        """Write what the compiler derives from the matrices (implied groups),
        once its checks have run: Odoo's write, without this addon's wrappers."""
        return super().write(vals)

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

    def write(self, vals):
        touches_roles = bool(vals.get("is_role")) or any(self.mapped("is_role"))
        if not touches_roles:
            return super().write(vals)
        with self._crm_compiling_once():
            self._crm_check_role_write(vals)
            affected = self._crm_users_whose_roles_change(vals)
            before = affected._crm_roles_by_user()
            old_names = {g.id: g.name for g in self} if "name" in vals else {}
            # memberships that take seats are guarded around the whole change
            # (res_groups_protection)
            res = super().write(vals)
            if "is_default_role" in vals:
                self.env.registry.clear_cache("groups")  # _crm_default_role_id
            if ROLE_KEYS_OF_GROUPS & set(vals):
                self._crm_compile_roles()
                self._crm_log_extras(vals)
            self._crm_log_renames(old_names)
            if affected:
                (affected | self.filtered("is_role").users)._crm_after_role_change(
                    before
                )
        return res

    def _crm_check_role_write(self, vals):
        if (ROLE_KEYS_OF_GROUPS | {"name", "implied_ids"}) & set(vals):
            self._crm_check_can_manage_roles()
        elif "users" in vals:
            # who holds a role, not what it is: Admins give the Admin role
            self._crm_check_can_manage_roles(definition=False)
        if "is_role" in vals and not vals["is_role"]:
            self.filtered("is_role")._crm_check_role_can_go(_("stop being a role"))

    def _crm_users_whose_roles_change(self, vals):
        """The users a write of ``vals`` on these groups may give or take roles:
        members of groups becoming roles, members of roles whose members change
        and the users the commands add."""
        users = self.env["res.users"]
        if vals.get("is_role"):
            users |= self.users
        if "users" in vals and any(self.mapped("is_role")):
            named = {
                user_id
                for command in vals["users"]
                if command[0] in (Command.LINK, Command.SET)
                for user_id in (
                    command[2] if command[0] == Command.SET else [command[1]]
                )
            }
            users |= self.filtered("is_role").users | users.browse(named)
        return users

    def _crm_log_renames(self, old_names):
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
                if g.id in old_names and g.is_role and old_names[g.id] != g.name
            ]
        )

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
            # our roles leave with the module, whose hook removed the compiled
            # rules
            return super().unlink()
        roles = self.filtered("is_role")
        # sudo: the compiled rights and rules of roles being deleted (Odoo
        # refuses to delete a group they still name); recompiled just below
        roles.sudo().model_access.filtered("crm_generated").unlink()
        roles.sudo().rule_groups.filtered("crm_generated").unlink()
        res = super().unlink()
        if roles:
            self._crm_compile_roles()
        return res

    @api.model
    def _crm_action_roles_after_delete(self, name):
        """A toast saying the role ``name`` is gone, then the Roles list."""
        return self.env["res.users"]._crm_notify(
            _("Role %(role)s deleted.", role=name), self._crm_action_roles()
        )

    @api.model
    def _crm_action_roles(self):
        """The Roles menu's action (its list and form views)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_user_management.res_groups_action_role"
        )
        # the deleted role's form is no breadcrumb to go back to
        action["target"] = "main"
        return action

    # ------------------------------------------------------------------
    # Role actions and API
    # ------------------------------------------------------------------
    def action_crm_delete_role(self):
        """Delete the role; when it has users, ask first where they go."""
        self.ensure_one()
        self._crm_check_not_protected(_("be deleted"))
        if self.users:
            return self.env["crm.role.reassign.wizard"].action_open(self)
        name = self.name
        self.unlink()
        return self._crm_action_roles_after_delete(name)

    # ------------------------------------------------------------------
    # Compiling: once per public call, by crm.access.compiler
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
