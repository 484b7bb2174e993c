# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from .crm_access_compiler import ACTIONS, SCOPES

# one registered entity, as the compiler and the checks read it
Entity = namedtuple(
    "Entity",
    "code name model domain owner_field team_field default_scope",
)


class CrmRoleEntity(models.Model):
    """What a row of the role matrix covers: records of one model (those of
    its domain), owned through a user field, in teams through a team field
    or their owner's teams. Implementers register their models here."""

    _name = "crm.role.entity"
    _description = "CRM Role Entity"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="The key of the entity in set_role_permission and "
        "get_effective_permissions.",
    )
    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade")
    model = fields.Char(related="model_id.model", store=True, string="Model Name")
    domain = fields.Char(
        default="[]",
        required=True,
        help="Which records of the model the entity covers.",
    )
    owner_field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'res.users')]",
        help="Scope 'own': the records whose field is the user.",
    )
    team_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'crm.team')]",
        help="Scope 'team': the records of the user's sales teams; without "
        "it, the records whose owner is in one of the user's teams.",
    )
    default_scope = fields.Selection(
        SCOPES,
        required=True,
        default="all",
        help="The scope each role gets for this entity when it is registered "
        "and when a role is made: 'all' changes nobody's access.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("code_unique", "UNIQUE(code)", "Two entities cannot share a code."),
    )

    @api.constrains("domain", "model_id", "owner_field_id", "team_field_id")
    def _check_entity(self):
        for entity in self:
            try:
                domain = safe_eval(entity.domain or "[]")
                self.env[entity.model]._where_calc(domain)
            except Exception as error:
                raise ValidationError(
                    _(
                        "The domain of %(entity)s is not a domain of %(model)s: "
                        "%(error)s",
                        entity=entity.name,
                        model=entity.model,
                        error=error,
                    )
                ) from error
            for field in entity.owner_field_id | entity.team_field_id:
                if field.model_id != entity.model_id:
                    raise ValidationError(
                        _(
                            "%(field)s is no field of %(model)s.",
                            field=field.name,
                            model=entity.model,
                        )
                    )

    # ------------------------------------------------------------------
    # The registry, as the compiler and the checks read it
    # ------------------------------------------------------------------
    @api.model
    def _crm_registry(self):
        """The active entities, in order: a tuple of ``Entity``."""
        return self._crm_registry_cached()

    @tools.ormcache()
    def _crm_registry_cached(self):
        # sudo: the registry is the same for every user; the cache key holds
        # no context, so archived entities are left out whatever it says
        entities = self.sudo().with_context(active_test=True).search([])
        return tuple(
            Entity(
                entity.code,
                entity.name,
                entity.model,
                # normalized; empty for every record of the model
                tuple(
                    token
                    for token in expression.normalize_domain(
                        safe_eval(entity.domain or "[]")
                    )
                    if list(expression.TRUE_DOMAIN) != [token]
                ),
                entity.owner_field_id.name,
                entity.team_field_id.name or None,
                entity.default_scope,
            )
            for entity in entities
        )

    @api.model
    def _crm_by_code(self):
        """{code: Entity} of the active entities."""
        return {entity.code: entity for entity in self._crm_registry()}

    @api.model
    def _crm_selection(self):
        """[(code, name)] of the active entities."""
        return [(entity.code, entity.name) for entity in self._crm_registry()]

    # ------------------------------------------------------------------
    # Registering and removing entities
    # ------------------------------------------------------------------
    def _crm_check_can_register(self):
        # registering gives every role an access right on the model: Settings'
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(
                _(
                    "Only the Owner (Settings) registers entities: an entity gives "
                    "every role access to its model."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_can_register()
        entities = super().create(vals_list)
        self.env.registry.clear_cache()
        entities._crm_add_rows()
        return entities

    def write(self, vals):
        self._crm_check_can_register()
        if "code" in vals and any(e.code != vals["code"] for e in self):
            raise ValidationError(_("The code of an entity is its key for good."))
        res = super().write(vals)
        self.env.registry.clear_cache()
        if vals.get("active"):
            self._crm_add_rows()
        elif "active" in vals:
            self._crm_remove_rows()
        else:
            self.env["res.groups"]._crm_compile_roles()
        return res

    def unlink(self):
        self._crm_check_can_register()
        self._crm_remove_rows()
        res = super().unlink()
        self.env.registry.clear_cache()
        self.env["res.groups"]._crm_compile_roles()
        return res

    def _crm_add_rows(self):
        """Every role gets a row of each active entity of ``self`` at its
        default scope, then the rules are compiled once."""
        Groups = self.env["res.groups"]
        with Groups._crm_compiling_once():
            # sudo: rows that follow the registry, for every role alike
            roles = (
                Groups.sudo()
                .with_context(active_test=False)
                .search([("is_role", "=", True)])
            )
            for entity in self.filtered("active"):
                missing = (
                    roles
                    - roles.role_permission_ids.filtered(
                        lambda p, e=entity: p.entity == e.code
                    ).group_id
                )
                self.env["crm.role.permission"].sudo().create(
                    [
                        {
                            "group_id": role.id,
                            "entity": entity.code,
                            **{
                                f"{action}_scope": entity.default_scope
                                for action in ACTIONS
                            },
                        }
                        for role in missing
                    ]
                )
            Groups._crm_compile_roles()

    def _crm_remove_rows(self):
        """The rows of these entities go; the rules are compiled without them."""
        # sudo: rows that follow the registry, for every role alike (only the
        # Owner and Admins change it: _crm_check_can_register)
        rows = (
            self.env["crm.role.permission"]
            .sudo()
            .search([("entity", "in", self.mapped("code"))])
        )
        rows.unlink()
        self.env["res.groups"]._crm_compile_roles()
