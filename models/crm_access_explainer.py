# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why a user may or may not read, edit or delete one record.

The three booleans are what the ORM itself answers for that user (a search
by id for read, ``check_access`` for write and unlink), so an explanation
never disagrees with Odoo; the reasons say which part of the access model
decided, with the meaning of a scope taken from ``crm_access_compiler``.
"""

from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from .crm_access_compiler import domain_text, scope_term, visible
from .crm_visibility_mixin import VISIBILITY_MODELS

# the categories whose stock groups decide for a user without a CRM role
STOCK_CATEGORIES = {
    "crm.lead": "base.module_category_sales_sales",
    "mail.activity": "base.module_category_sales_sales",
    "res.partner": "base.module_category_user_type",
}


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
        # sudo (again): those the asker may ask about, read by the explainer
        return (users.with_env(self.env)._crm_manageable() | asker).sudo()

    @api.model
    def _access_list(self, record):
        """One dict per user the current user may ask about who can read
        ``record``: ``user_id``, ``read``, ``write``, ``unlink``, ``reasons``.

        Users that ``record`` does not name (``_named_users``) and who hold
        the same groups and companies get the same answer from every rule:
        one of them is asked for all; the named users are asked one by one.
        """
        entity = self._governing_entity(record)
        users = self._askable_users()
        named = self._named_users(record)
        alike = defaultdict(list)
        for user in users:
            key = (
                user.id
                if user in named
                else (frozenset(user.groups_id.ids), frozenset(user.company_ids.ids))
            )
            alike[key].append(user)
        found = []
        for members in alike.values():
            answer = self._explain_one(record, members[0], entity)
            if answer["read"]:
                found += [{"user_id": user.id, **answer} for user in members]
        return sorted(found, key=lambda line: line["user_id"])

    @api.model
    def _named_users(self, record):
        """The users whose identity (not only groups and companies) a rule
        may weigh on ``record``: those its fields name, directly, as a
        contact, or as a member of a named sales team or of a named user's
        teams; for an activity, those its document names too; for a contact,
        the users it is the contact or company of."""
        # sudo: ``record`` is already under sudo (one the asker reads); its
        # document, contacts and teams are read to name users, not shown
        users = self.env["res.users"].sudo()
        records = [record]
        if record._name == "mail.activity" and record.res_model and record.res_id:
            records.append(self.env[record.res_model].sudo().browse(record.res_id))
        for rec in records:
            partners = self.env["res.partner"].sudo()
            teams = self.env["crm.team"].sudo()
            for name, field in rec._fields.items():
                if field.type not in ("many2one", "many2many") or not field.store:
                    continue
                if field.comodel_name == "res.users":
                    users |= rec[name]
                elif field.comodel_name == "res.partner":
                    partners |= rec[name]
                elif field.comodel_name == "crm.team":
                    teams |= rec[name]
            if rec._name == "res.partner":
                partners |= rec | rec.child_ids
            users |= partners.with_context(active_test=False).user_ids
            users |= (teams | users.crm_team_ids).member_ids
        return users

    @api.model
    def _explain_one(self, record, user, entity):
        allowed = self._orm_answers(record, user)
        return {**allowed, "reasons": self._reasons(record, user, entity)}

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
        return self._explain_one(record, user, self._governing_entity(record))

    @api.model
    def _orm_answers(self, record, user):
        """What the ORM lets ``user`` do with ``record``, with all their
        companies enabled (not the asker's)."""
        as_user = record.with_user(user).with_context(allowed_company_ids=[])
        # a user without the model's access right may not even search it
        readable = as_user.env["ir.model.access"].check(
            record._name, "read", raise_exception=False
        )
        return {
            "read": readable and bool(as_user.search([("id", "=", record.id)])),
            **{mode: as_user.has_access(mode) for mode in ("write", "unlink")},
        }

    @api.model
    def _reasons(self, record, user, entity):
        if user.id == SUPERUSER_ID:
            return [reason("superuser", _("The superuser bypasses every rule."))]
        reasons = []
        if "crm_trash_date" in record._fields and record.crm_trash_date:
            reasons.append(
                reason("trashed", _("The record is in the trash: nobody sees it."))
            )
        if user._crm_sees_everything():
            reasons.append(
                reason("owner_or_admin", _("The Owner and the Admins see everything."))
            )
            return reasons
        if not user._crm_is_crm_role_holder():
            reasons.append(self._stock_reason(record, user))
        elif not user.crm_access:
            reasons.append(
                reason("no_crm_access", _("Their CRM access is switched off."))
            )
            return reasons
        elif entity:
            reasons += self._role_reasons(record, user, entity)
        if record._name in VISIBILITY_MODELS:
            reasons += self._visibility_reasons(record, user)
        return reasons

    @api.model
    def _stock_reason(self, record, user):
        category = self.env.ref(
            STOCK_CATEGORIES.get(record._name, "base.module_category_user_type"),
            raise_if_not_found=False,
        )
        groups = user.groups_id.filtered(lambda g: g.category_id == category)
        return reason(
            "stock_groups",
            _(
                "Their roles give no CRM right: Odoo's own groups decide (%(groups)s).",
                groups=", ".join(groups.mapped("full_name")) or _("none"),
            ),
        )

    @api.model
    def _role_reasons(self, record, user, entity):
        """Per action, the roles whose scope reaches ``record``."""
        contacts_public = self.env["res.groups"]._crm_contacts_public()
        reasons, view_reached = self._personal_reasons(record, user, entity)
        adjusted = {
            action
            for code, action in user._crm_personal_cells()[0]
            if code == entity.code
        }
        roles = user.groups_id.filtered(
            lambda g: g.is_role and g._crm_grants_anything()
        )
        for role in roles:
            scopes = role._crm_effective_scopes(contacts_public)[entity.code]
            for action in ("view", "edit", "delete"):
                scope = scopes[action]
                if (
                    action in adjusted
                    or scope == "none"
                    or not self._reaches(record, user, entity, scope)
                ):
                    continue
                view_reached.append(action == "view")
                widened = (
                    action == "view"
                    and scope != role._crm_scopes()[entity.code]["view"]
                )
                reasons.append(
                    reason(
                        "contacts_public" if widened else "role_scope",
                        _(
                            "Role %(role)s: %(entity)s, %(action)s: %(scope)s.",
                            role=role.name,
                            entity=entity.name,
                            action=action,
                            scope=scope,
                        ),
                    )
                )
        if not any(view_reached) and None not in view_reached:
            held = ", ".join(
                "{}: {}".format(
                    role.name,
                    role._crm_effective_scopes(contacts_public)[entity.code]["view"],
                )
                for role in roles
            )
            reasons.append(
                reason(
                    "no_scope",
                    _(
                        "No role's view scope reaches it (%(entity)s; %(scopes)s).",
                        entity=entity.name,
                        scopes=held or _("no CRM role"),
                    ),
                )
            )
        return reasons

    @api.model
    def _personal_reasons(self, record, user, entity):
        """The adjustments of ``user`` that reach ``record``: (reasons, [whether
        each is of viewing])."""
        contacts_public = self.env["res.groups"]._crm_contacts_public()
        scopes = user._crm_scope_union(contacts_public)[entity.code]
        reasons, view_reached = [], []
        for code, action in sorted(user._crm_personal_cells()[0]):
            scope = scopes[action]
            if code != entity.code or action == "create":
                continue
            if scope != "none" and self._reaches(record, user, entity, scope):
                view_reached.append(action == "view")
                detail = _(
                    "Set for them: %(entity)s, %(action)s: %(scope)s.",
                    entity=entity.name,
                    action=action,
                    scope=scope,
                )
            elif action == "view":
                # their own scope, not their roles', keeps it from them
                view_reached.append(None)
                detail = _(
                    "Set for them: %(entity)s, view: %(scope)s, which does not "
                    "reach it.",
                    entity=entity.name,
                    scope=scope,
                )
            else:
                continue
            reasons.append(reason("personal_scope", detail))
        return reasons, view_reached

    @api.model
    def _reaches(self, record, user, entity, scope):
        """Whether ``scope`` of ``entity`` reaches ``record`` for ``user``."""
        return self._holds(record, user, domain_text(scope_term(entity, scope)))

    @api.model
    def _holds(self, record, user, domain):
        """Whether ``record`` satisfies the compiler's domain text ``domain``,
        evaluated for ``user`` as the rules are."""
        return bool(record.filtered_domain(safe_eval(domain, {"user": user})))

    @api.model
    def _visibility_reasons(self, record, user):
        """Which part of the visibility rule lets ``user`` see ``record`` or
        not: the compiler's own term decides, the codes say why."""
        if record.visibility == "everyone":
            return [reason("visibility_everyone", _("Visible to everyone."))]
        if not self._holds(record, user, visible("")):
            if record.visibility == "private":
                return [
                    reason(
                        "visibility_private_hidden", _("Private to its salesperson.")
                    )
                ]
            return [
                reason(
                    "visibility_groups_hidden",
                    _(
                        "Visible only to %(groups)s, and they are in none of them.",
                        groups=", ".join(record.visibility_group_ids.mapped("name")),
                    ),
                )
            ]
        if record.user_id == user:
            return [
                reason(
                    "visibility_private_owner",
                    _("Restricted, but they are its salesperson."),
                )
            ]
        return [
            reason(
                "visibility_group",
                _("Visible to the group %(group)s.", group=group.name),
            )
            for group in record.visibility_group_ids & user.groups_id
        ]
