# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a scope means, and the one compiler that turns the role matrices and
the visibility of records into ``ir.model.access`` and ``ir.rule`` records.

A scope is one of none < own < team < all. A user's scope on a cell is the
widest of their roles' (``widest``); a delegate grants only scopes within
their own (``exceeds``); a rule applies a scope to an entity's records
(``scope_term``). Nothing else in the addon interprets a scope.
"""

import re

from odoo import Command, api, models
from odoo.osv import expression

from ..hooks import crm_module_uninstalling
from .crm_visibility_mixin import VISIBILITY_MODELS

SCOPES = [("none", "None"), ("own", "Own"), ("team", "Team"), ("all", "All")]
SCOPE_RANK = {scope: rank for rank, (scope, _label) in enumerate(SCOPES)}
ACTIONS = ("view", "create", "edit", "delete")
# matrix action -> ir.model.access / ir.rule mode
ACTION_MODES = {"view": "read", "create": "create", "edit": "write", "delete": "unlink"}
# records of governed models that the matrix never governs (role holders keep
# stock access): partners of internal users and of the companies of the database
UNGOVERNED = {
    "res.partner": [
        "('partner_share', '=', False)",
        "('id', 'in', user.company_ids.partner_id.ids)",
    ],
}
TRUE_LEAF, FALSE_LEAF = "(1, '=', 1)", "(0, '=', 1)"


def widest(scopes):
    """The union of ``scopes``: the widest of them (none if there is none)."""
    return max(scopes, key=SCOPE_RANK.__getitem__, default="none")


def exceeds(scope, limit):
    """Whether ``scope`` reaches further than ``limit``."""
    return SCOPE_RANK[scope] > SCOPE_RANK[limit]


def or_terms(terms):
    """Prefix-notation OR of single-term token lists."""
    terms = [t for t in terms if t != [FALSE_LEAF]]
    if not terms:
        return [FALSE_LEAF]
    if [TRUE_LEAF] in terms:
        return [TRUE_LEAF]
    return ["'|'"] * (len(terms) - 1) + [token for term in terms for token in term]


def and_terms(terms):
    """Prefix-notation AND of single-term token lists."""
    terms = [t for t in terms if t != [TRUE_LEAF]]
    if [FALSE_LEAF] in terms:
        return [FALSE_LEAF]
    if not terms:
        return [TRUE_LEAF]
    return ["'&'"] * (len(terms) - 1) + [token for term in terms for token in term]


def scope_term(entity, scope):
    """The records of ``entity`` (a registry ``Entity``) that ``scope`` reaches,
    as a term: its owner field for 'own'; its team field or its owner's teams
    for 'team'."""
    if scope == "all":
        return [TRUE_LEAF]
    if scope == "none":
        return [FALSE_LEAF]
    own = [f"('{entity.owner_field}', '=', user.id)"]
    if scope == "own":
        return own
    team = (
        f"('{entity.team_field}.member_ids', 'in', [user.id])"
        if entity.team_field
        else f"('{entity.owner_field}.crm_team_ids.member_ids', 'in', [user.id])"
    )
    return or_terms([own, [team]])


def through_text(prefix, text):
    """Domain text with each leaf's field read through the path ``prefix``."""
    return re.sub(r"\('(?=[a-z_])", f"('{prefix}", text)


def through(prefix, term):
    """A term with each leaf's field read through the path ``prefix``."""
    return [through_text(prefix, token) for token in term]


def domain_text(term):
    return "[" + ", ".join(term) + "]"


def domain_tokens(domain):
    """A literal domain as a term of token texts."""
    domain = expression.normalize_domain(list(domain))
    if domain == expression.TRUE_DOMAIN:
        return [TRUE_LEAF]
    return [repr(token) for token in domain]


def entity_union(entities, scope_terms):
    """OR of ``entity domain AND scope term`` over the entities of one model.

    When the entities share one scope and cover every record of the model
    (leads and deals, contacts and companies, an entity without a domain),
    the union is that scope alone: simpler SQL, better row estimates.
    """
    distinct = {tuple(term) for term in scope_terms.values()}
    if len(distinct) == 1 and covers_model(entities):
        return list(distinct.pop())
    return or_terms(
        [
            and_terms([domain_tokens(entity.domain), scope_terms[entity.code]])
            for entity in entities
        ]
    )


# the entities that together cover every record of their model
COVERING = {
    "crm.lead": {"lead", "deal"},
    "res.partner": {"contact", "company"},
}


def covers_model(entities):
    """Whether ``entities`` (of one model) cover every record of it."""
    codes = {entity.code for entity in entities}
    return any(not entity.domain for entity in entities) or (
        COVERING.get(entities[0].model, {None}) <= codes
    )


def ungoverned_terms(model, entities):
    """Terms of the records of ``model`` that no entity governs."""
    terms = list(UNGOVERNED.get(model, []))
    if not covers_model(entities):
        governed = expression.OR([list(entity.domain) for entity in entities])
        outside = expression.distribute_not(["!", *governed])
        terms.append(", ".join(domain_tokens(outside)))
    return terms


def visible(prefix):
    """Domain text: the records (through the path ``prefix``) whose
    visibility lets the user see them. The owner comes first: PostgreSQL
    tests the terms of an OR in order, and ``user_id`` is an early column of
    the row where ``visibility`` is a late one."""
    return (
        f"['|', '|', ('{prefix}user_id', '=', user.id), "
        f"('{prefix}visibility', '=', 'everyone'), "
        f"'&', ('{prefix}visibility', '=', 'groups'), "
        f"('{prefix}visibility_search_group_ids', 'in', user.groups_id.ids)]"
    )


def above(prefix):
    """Domain text: a contact's parent or company (``prefix``) neither in the
    trash nor hidden."""
    return f"['&', ('{prefix}crm_trash_date', '=', False)] + {visible(prefix)}"


class CrmAccessCompiler(models.AbstractModel):
    """The only code that writes generated access rights and record rules."""

    _name = "crm.access.compiler"
    _description = "CRM Access Compiler"

    @api.model
    def _compile(self):
        """Rebuild every role's ACLs and rules, the matrix guards and the
        visibility rules, in one pass.

        Per role and governed model: one ``ir.model.access`` and one group
        rule for the modes the role allows, owned by the role (they grant;
        the rule is ``[(1, '=', 1)]`` so that stock group rules, OR-ed with
        it, cannot narrow the role). Per model and mode: one global rule, the
        guard, that narrows users holding a CRM role to the union of their
        roles' scopes, so that stock groups never widen the matrix either.
        """
        if crm_module_uninstalling(self.env):
            # the module is going (its role groups with it): rules rebuilt now
            # would outlive it, naming fields it drops (uninstall_hook)
            return True
        Groups = self.env["res.groups"]
        # sudo: compiling is the consequence of a checked change to a role
        roles = (
            Groups.sudo()
            .with_context(active_test=False)
            .search([("is_role", "=", True)], order="id")
        )
        # sudo: the personal groups of tailored users, compiled like roles
        personal = (
            Groups.sudo()
            .with_context(active_test=False)
            .search([("crm_personal_user_id", "!=", False)], order="id")
        )
        contacts_public = Groups._crm_contacts_public()
        by_model = {}
        for entity in self.env["crm.role.entity"]._crm_registry():
            by_model.setdefault(entity.model, []).append(entity)
        acl_vals, rule_vals = [], []
        guard_terms = {
            (model, mode): {} for model in by_model for mode in ACTION_MODES.values()
        }
        personal_terms = {key: {} for key in guard_terms}
        for role in roles | personal:
            scopes = role._crm_effective_scopes(contacts_public)
            crm_role = role._crm_grants_anything()
            user = role.crm_personal_user_id
            for model, entities in by_model.items():
                terms = self._role_terms(entities, scopes)
                perms = {mode: term != [FALSE_LEAF] for mode, term in terms.items()}
                for mode, term in terms.items():
                    if user:
                        # its user alone; held by anyone else, it gives nothing
                        personal_terms[(model, mode)][user.id] = term
                        guard_terms[(model, mode)][role.id] = [FALSE_LEAF]
                    elif crm_role:
                        guard_terms[(model, mode)][role.id] = term
                if any(perms.values()):
                    acl_vals.append(self._role_acl_vals(role, model, perms))
                    rule_vals.append(self._role_rule_vals(role, model, perms))
        rule_vals += self._guard_rule_vals(guard_terms, personal_terms, by_model)
        rule_vals += self._visibility_rule_vals()
        self._replace_generated(acl_vals, rule_vals)
        (roles | personal)._crm_sync_implied_groups()
        return True

    @api.model
    def _replace_generated(self, acl_vals, rule_vals):
        """The generated ACLs and rules, replaced as a whole."""
        # sudo: generated records only, rebuilt as a whole
        access = self.env["ir.model.access"].sudo()
        rules = self.env["ir.rule"].sudo()
        access.search([("crm_generated", "=", True)]).unlink()
        rules.with_context(active_test=False).search(
            [("crm_generated", "=", True)]
        ).unlink()
        access.create(acl_vals)
        rules.create(rule_vals)

    @api.model
    def _role_terms(self, entities, scopes):
        """{mode: term} of one role on one model: the union over the model's
        entities of the role's scope of each action."""
        return {
            mode: entity_union(
                entities,
                {
                    entity.code: scope_term(entity, scopes[entity.code][action])
                    for entity in entities
                },
            )
            for action, mode in ACTION_MODES.items()
        }

    @api.model
    def _guard_rule_vals(self, guard_terms, personal_terms, by_model):
        """The global guards, per model and mode ({(model, mode): {role id:
        term}}, and {(model, mode): {tailored user id: term}})."""
        vals = []
        for (model, mode), by_role in guard_terms.items():
            guard = self._guard_domain(
                by_role,
                ungoverned_terms(model, by_model[model]),
                personal_terms[(model, mode)],
            )
            if guard:
                vals.append(
                    {
                        "name": f"CRM role matrix guard: {model} {mode}",
                        "model_id": self.env["ir.model"]._get_id(model),
                        "domain_force": guard,
                        "crm_generated": True,
                        **{f"perm_{m}": m == mode for m in ACTION_MODES.values()},
                    }
                )
        return vals + self._report_guard_vals(guard_terms, personal_terms, by_model)

    @api.model
    def _report_guard_vals(self, guard_terms, personal_terms, by_model):
        """The activity report (SQL over leads' messages) shows the rows of
        the leads the lead read guard lets the user read."""
        key = ("crm.lead", "read")
        if key not in guard_terms:
            return []
        guard = self._guard_domain(
            {role: through("lead_id.", t) for role, t in guard_terms[key].items()},
            [
                through_text("lead_id.", text)
                for text in ungoverned_terms("crm.lead", by_model["crm.lead"])
            ],
            {user: through("lead_id.", t) for user, t in personal_terms[key].items()},
        )
        if not guard:
            return []
        return [
            {
                "name": "CRM role matrix guard: crm.activity.report read",
                "model_id": self.env["ir.model"]._get_id("crm.activity.report"),
                "domain_force": f"['|', ('lead_id', '=', False)] + ({guard})",
                "crm_generated": True,
                **{f"perm_{m}": True for m in ACTION_MODES.values()},
            }
        ]

    @api.model
    def _role_acl_vals(self, role, model, perms):
        return {
            "name": f"CRM role {role.name}: {model}",
            "model_id": self.env["ir.model"]._get_id(model),
            "group_id": role.id,
            "crm_generated": True,
            **{f"perm_{mode}": ok for mode, ok in perms.items()},
        }

    @api.model
    def _role_rule_vals(self, role, model, perms):
        # the guard narrows holders to their roles' scopes; this rule only keeps
        # stock group rules (OR-ed with it) from narrowing further, in the modes
        # the role allows. Repeating the scope here would only make PostgreSQL
        # underestimate the rows.
        return {
            "name": f"CRM role {role.name}: {model}",
            "model_id": self.env["ir.model"]._get_id(model),
            "groups": [Command.set(role.ids)],
            "domain_force": domain_text([TRUE_LEAF]),
            "crm_generated": True,
            **{f"perm_{mode}": ok for mode, ok in perms.items()},
        }

    @api.model
    def _guard_domain(self, by_role, ungoverned, by_user=None):
        """Domain text of the guard rule: for a tailored user, their own term
        ({user id: term}); for a user holding CRM roles, the union of their
        roles' terms ({role id: term}); the ``ungoverned`` terms OR-ed in
        front of both; for anyone else, no restriction.

        Group membership is read from ``user.groups_id``: any change of it
        clears the rule cache of every worker (res.users.write); so does a
        change of adjustments (they recompile the rules).
        """
        personal = "".join(
            f"{domain_text(or_terms([[u] for u in ungoverned] + [term]))} "
            f"if user.id == {user_id} else "
            for user_id, term in (by_user or {}).items()
        )
        if not by_role or all(term == [TRUE_LEAF] for term in by_role.values()):
            return f"{personal}[{TRUE_LEAF}]" if personal else False
        ids = "{" + ", ".join(str(i) for i in by_role) + "}"
        held = f"set(user.groups_id.ids) & {ids}"
        parts = " + ".join(
            f"({domain_text(term)} if {role_id} in user.groups_id.ids else [])"
            for role_id, term in by_role.items()
        )
        union = f"['|'] * (len({held}) - 1) + {parts}"
        if ungoverned:
            # ungoverned records stay visible: OR them in front of the union
            union = (
                f"{['|'] * len(ungoverned)!r} + [{', '.join(ungoverned)}] + ({union})"
            )
        guard = f"({union}) if {held} else [{TRUE_LEAF}]"
        return f"{personal}({guard})" if personal else guard

    @api.model
    def _visibility_rule_vals(self):
        """Global rules: a record's visibility narrows who sees it, on top of
        the roles; the Owner and Admins see everything."""
        sees_all = self.env["res.groups"]._crm_protected_roles().ids
        bypass = f"set({sees_all!r}) & set(user.groups_id.ids)"

        # a contact under a restricted or trashed parent or company is hidden
        # with it (its name, address and company name are theirs); partners of
        # internal users stay public
        # a user always reads their own contact and its company (a portal
        # user's company may be restricted: the portal shows both)
        own = (
            "('id', 'in', "
            "[user.partner_id.id, user.partner_id.commercial_partner_id.id])"
        )
        within = {
            "crm.lead": visible(""),
            "res.partner": f"['|', {own}, '&'] + {visible('')} + "
            "['|', ('partner_share', '=', False), '&', '|', ('parent_id', '=', False)]"
            f" + {above('parent_id.')} + {above('commercial_partner_id.')}",
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
