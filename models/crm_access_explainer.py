# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why a user may or may not read, edit or delete one record.

The three booleans are what the ORM itself answers for that user (a search
by id for read, ``check_access`` for write and unlink), so an explanation
never disagrees with Odoo; the reasons say which part of the access model
decided, with the meaning of a scope taken from ``crm_access_compiler``.
"""

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from .crm_access_compiler import ACTION_MODES, domain_text, scope_term
from .crm_visibility_mixin import VISIBILITY_MODELS

# the categories whose stock groups decide for a user without a CRM role
STOCK_CATEGORIES = {
    "crm.lead": "base.module_category_sales_sales",
    "mail.activity": "base.module_category_sales_sales",
    "res.partner": "base.module_category_user_type",
}
MODES = ("read", "write", "unlink")


def reason(code, detail=""):
    return {"code": code, "detail": detail}


class CrmAccessExplainer(models.AbstractModel):
    """The one place that explains access to a record."""

    _name = "crm.access.explainer"
    _description = "CRM Access Explanations"

    @api.model
    def _check_may_ask(self, users):
        """The Owner and Admins ask about anyone, a delegate about the users
        within their rights, anyone about themselves."""
        asker = self.env.user
        if self.env.su or asker._crm_sees_everything():
            return
        others = users - asker
        if others and others - others._crm_manageable():
            raise AccessError(
                _("You may only ask about yourself and the users you manage.")
            )

    @api.model
    def _askable_users(self):
        """The internal users the current user may ask about."""
        asker = self.env.user
        # sudo: the list of internal persons, narrowed below to who may be asked
        users = (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("crm_system_account", "=", False)])
        )
        if self.env.su or asker._crm_sees_everything():
            return users
        return (users.with_env(self.env)._crm_manageable() | asker).sudo()

    @api.model
    def _access_list(self, record):
        """One dict per user the current user may ask about who can read
        ``record``: ``user_id``, ``read``, ``write``, ``unlink``, ``reasons``."""
        entity = self._governing_entity(record)
        found = []
        for user in self._askable_users():
            allowed = self._orm_answers(record, user)
            if allowed["read"]:
                found.append(
                    {
                        "user_id": user.id,
                        **allowed,
                        "reasons": self._reasons(record, user, entity, allowed),
                    }
                )
        return found

    @api.model
    def _entity_of(self, record):
        """The registered entity governing ``record``, or None."""
        for entity in self.env["crm.role.entity"]._crm_registry():
            if entity.model == record._name and (
                not entity.domain or record.filtered_domain(list(entity.domain))
            ):
                return entity
        return None

    @api.model
    def _governing_entity(self, record):
        """``_entity_of(record)``; a record neither an entity nor under
        visibility is no question for this explainer."""
        entity = self._entity_of(record)
        if entity is None and record._name not in VISIBILITY_MODELS:
            raise UserError(
                _("%(model)s is not governed by CRM roles.", model=record._description)
            )
        return entity

    @api.model
    def _explain(self, record, user):
        """{read, write, unlink, reasons} of ``user`` on ``record`` (sudo)."""
        entity = self._governing_entity(record)
        allowed = self._orm_answers(record, user)
        return {**allowed, "reasons": self._reasons(record, user, entity, allowed)}

    @api.model
    def _orm_answers(self, record, user):
        """What the ORM lets ``user`` do with ``record``."""
        as_user = record.with_user(user)
        # a user without the model's access right may not even search it
        readable = as_user.env["ir.model.access"].check(
            record._name, "read", raise_exception=False
        )
        return {
            "read": readable and bool(as_user.search([("id", "=", record.id)])),
            **{mode: as_user.has_access(mode) for mode in ("write", "unlink")},
        }

    @api.model
    def _reasons(self, record, user, entity, allowed):
        if user.id == SUPERUSER_ID:
            return [reason("superuser", _("The superuser bypasses every rule."))]
        reasons = []
        if "crm_trash_date" in record._fields and record.crm_trash_date:
            reasons.append(
                reason("trashed", _("The record is in the trash: nobody sees it."))
            )
        if user._crm_sees_everything():
            reasons.append(
                reason(
                    "owner_or_admin",
                    _(
                        "%(user)s is the Owner or an Admin and sees everything.",
                        user=user.name,
                    ),
                )
            )
            return reasons
        if not user._crm_is_crm_role_holder():
            reasons.append(self._stock_reason(record, user, allowed))
        elif entity:
            reasons += self._role_reasons(record, user, entity)
        if record._name in VISIBILITY_MODELS:
            reasons += self._visibility_reasons(record, user)
        return reasons

    @api.model
    def _stock_reason(self, record, user, allowed):
        category = self.env.ref(
            STOCK_CATEGORIES.get(record._name, "base.module_category_user_type"),
            raise_if_not_found=False,
        )
        groups = user.groups_id.filtered(lambda g: g.category_id == category)
        return reason(
            "stock_groups",
            _(
                "%(user)s holds no CRM role: Odoo's own groups decide (%(groups)s).",
                user=user.name,
                groups=", ".join(groups.mapped("full_name")) or _("none"),
            ),
        )

    @api.model
    def _role_reasons(self, record, user, entity):
        """Per action, the roles whose scope reaches ``record``."""
        contacts_public = self.env["res.groups"]._crm_contacts_public()
        eval_context = {"user": user}
        reasons = []
        roles = user.groups_id.filtered(
            lambda g: g.is_role and g._crm_grants_anything()
        )
        reached_view = False
        for role in roles:
            scopes = role._crm_effective_scopes(contacts_public)[entity.code]
            for action in ACTION_MODES:
                scope = scopes[action]
                if scope == "none" or action == "create":
                    continue
                domain = safe_eval(domain_text(scope_term(entity, scope)), eval_context)
                if not record.filtered_domain(domain):
                    continue
                reached_view |= action == "view"
                code = (
                    "contacts_public"
                    if (
                        contacts_public
                        and entity.model == "res.partner"
                        and action == "view"
                        and role._crm_scopes()[entity.code]["view"] != "all"
                    )
                    else "role_scope"
                )
                reasons.append(
                    reason(
                        code,
                        _(
                            "Role %(role)s: %(entity)s, %(action)s: %(scope)s.",
                            role=role.name,
                            entity=entity.name,
                            action=action,
                            scope=scope,
                        ),
                    )
                )
        if not reached_view:
            reasons.append(
                reason(
                    "no_scope",
                    _(
                        "No role of %(user)s lets them view this %(entity)s.",
                        user=user.name,
                        entity=entity.name,
                    ),
                )
            )
        return reasons

    @api.model
    def _visibility_reasons(self, record, user):
        visibility = record.visibility
        if visibility == "everyone":
            return [reason("visibility_everyone", _("Visible to everyone."))]
        if record.user_id == user:
            return [
                reason(
                    "visibility_private_owner",
                    _("Restricted, and %(user)s is its salesperson.", user=user.name),
                )
            ]
        if visibility == "private":
            return [
                reason(
                    "visibility_private_hidden",
                    _(
                        "Private to its salesperson: hidden from %(user)s.",
                        user=user.name,
                    ),
                )
            ]
        shared = record.visibility_group_ids & user.groups_id
        if shared:
            return [
                reason(
                    "visibility_group",
                    _("Visible to the group %(group)s.", group=group.name),
                )
                for group in shared
            ]
        return [
            reason(
                "visibility_groups_hidden",
                _(
                    "Visible only to %(groups)s: %(user)s is in none of them.",
                    groups=", ".join(record.visibility_group_ids.mapped("name")),
                    user=user.name,
                ),
            )
        ]
