# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_access_compiler import ACTIONS, SCOPES, exceeds


class CrmRolePermission(models.Model):
    """One row of a role's permission matrix: the scope of each action on an entity."""

    _name = "crm.role.permission"
    _description = "CRM Role Permission"
    _order = "group_id, sequence"

    group_id = fields.Many2one(
        "res.groups",
        string="Role",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_role", "=", True)],
    )
    entity = fields.Selection(
        selection="_selection_entity", required=True, readonly=True
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    view_scope = fields.Selection(SCOPES, string="View", required=True, default="none")
    create_scope = fields.Selection(
        SCOPES, string="Create", required=True, default="none"
    )
    edit_scope = fields.Selection(SCOPES, string="Edit", required=True, default="none")
    delete_scope = fields.Selection(
        SCOPES, string="Delete", required=True, default="none"
    )

    _sql_constraints = (
        (
            "entity_unique",
            "UNIQUE(group_id, entity)",
            "A role has one row per entity in its permission matrix.",
        ),
    )

    @api.model
    def _selection_entity(self):
        return self.env["crm.role.entity"]._crm_selection()

    @api.depends("entity")
    def _compute_sequence(self):
        order = [code for code, _name in self._selection_entity()]
        for permission in self:
            permission.sequence = (
                order.index(permission.entity)
                if permission.entity in order
                else len(order)
            )

    @api.model
    def _crm_empty_matrix(self):
        """{entity: {action: 'none'}} over the registered entities."""
        return {
            code: dict.fromkeys(ACTIONS, "none")
            for code, _name in self._selection_entity()
        }

    @api.model
    def _crm_new_matrix_commands(self):
        """The rows of a new role: each registered entity at its default scope."""
        return [
            Command.create(
                {
                    "entity": entity.code,
                    **{f"{a}_scope": entity.default_scope for a in ACTIONS},
                }
            )
            for entity in self.env["crm.role.entity"]._crm_registry()
        ]

    @api.constrains("view_scope", "create_scope", "edit_scope", "delete_scope")
    def _check_scopes_consistent(self):
        """Edit needs at least as much view, delete as much edit; create needs view."""
        for permission in self:
            problem = permission._crm_scope_problem(
                {action: permission[f"{action}_scope"] for action in ACTIONS}
            )
            if problem:
                raise ValidationError(
                    _(
                        "%(role)s, %(entity)s: %(problem)s",
                        role=permission.group_id.name,
                        entity=dict(self._selection_entity()).get(
                            permission.entity, permission.entity
                        ),
                        problem=problem,
                    )
                )

    @api.model
    def _crm_scope_problem(self, scopes):
        """Return why ``scopes`` (action -> scope) is inconsistent, or False."""
        if exceeds(scopes["edit"], scopes["view"]):
            return _("editing cannot reach further than viewing.")
        if exceeds(scopes["delete"], scopes["edit"]):
            return _("deleting cannot reach further than editing.")
        if scopes["create"] != "none" and scopes["view"] == "none":
            return _("creating needs at least viewing your own records.")
        return False

    @api.onchange("view_scope", "create_scope", "edit_scope", "delete_scope")
    def _onchange_clamp_scopes(self):
        """The form offers only consistent choices: a blank scope is None; a
        scope wider than the one it depends on is narrowed to it, saying so."""
        notes = []
        for permission in self:
            for action in ACTIONS:
                if not permission[f"{action}_scope"]:
                    permission[f"{action}_scope"] = "none"
            if exceeds(permission.edit_scope, permission.view_scope):
                permission.edit_scope = permission.view_scope
                notes.append(_("Editing cannot reach further than viewing."))
            if exceeds(permission.delete_scope, permission.edit_scope):
                permission.delete_scope = permission.edit_scope
                notes.append(_("Deleting cannot reach further than editing."))
            if permission.view_scope == "none" and permission.create_scope != "none":
                permission.create_scope = "none"
                notes.append(_("Creating needs at least viewing your own records."))
        if notes:
            return {
                "warning": {
                    "title": _("Scope narrowed"),
                    "message": " ".join(dict.fromkeys(notes)),
                    "type": "notification",
                }
            }
        return None

    @api.model_create_multi
    def create(self, vals_list):
        permissions = super().create(vals_list)
        permissions.group_id._crm_check_can_manage_roles(permissions)
        self.env["res.groups"]._crm_compile_roles()
        return permissions

    def write(self, vals):
        if {"group_id", "entity"} & set(vals) and not self.env.su:
            raise UserError(
                _("A permission row belongs to one role and one entity for good.")
            )
        old = {p.id: {a: p[f"{a}_scope"] for a in ACTIONS} for p in self}
        self.group_id._crm_check_can_manage_roles(self, vals)
        res = super().write(vals)
        self._crm_audit_changes(old)
        self.env["res.groups"]._crm_compile_roles()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.groups"]._crm_compile_roles()
        return res

    def _crm_audit_changes(self, old):
        entries = []
        for permission in self:
            before, after = (
                old[permission.id],
                {a: permission[f"{a}_scope"] for a in ACTIONS},
            )
            changed = [a for a in ACTIONS if before[a] != after[a]]
            if changed:
                entries.append(
                    {
                        "event": "rights",
                        "group_id": permission.group_id.id,
                        "description": _(
                            "%(entity)s: %(actions)s",
                            entity=dict(self._selection_entity()).get(
                                permission.entity, permission.entity
                            ),
                            actions=", ".join(changed),
                        ),
                        "old_value": ", ".join(f"{a}={before[a]}" for a in changed),
                        "new_value": ", ".join(f"{a}={after[a]}" for a in changed),
                    }
                )
        self.env["crm.audit.log"]._crm_log(entries)
