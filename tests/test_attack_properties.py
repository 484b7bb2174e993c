# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based attack: generated delegates try every user-management entry
point on generated targets and roles. No attempt may leave a user with a
right the delegate lacks, or touch the Owner or an Admin.

``make test`` runs CRM_FUZZ_EXAMPLES (default 500) examples; ``make fuzz``
runs 10,000.
"""

import contextlib
import logging
import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_user_management.models.crm_access_compiler import (
    ACTIONS,
    SCOPE_RANK,
)
from odoo.addons.crm_user_management.models.crm_constants import ROLE_EXTRAS

from .test_attacks import CrmAttackCase

_logger = logging.getLogger(__name__)
EXAMPLES = int(os.environ.get("CRM_FUZZ_EXAMPLES", "500"))
SCOPES = ("none", "own", "team", "all")
# the entities of the addon's own data (crm.role.entity)
ENTITIES = ["lead", "deal", "contact", "company", "activity"]
# stock groups no delegate may hand out unless they hold them
SENSITIVE_GROUPS = (
    "base.group_system",
    "base.group_erp_manager",
    "base.group_allow_export",
    "sales_team.group_sale_manager",
    "sales_team.group_sale_salesman_all_leads",
)
REFUSALS = (AccessError, UserError, ValidationError)


def consistent_row(rng_or_draw):
    """A consistent matrix row {action: scope} (edit <= view, delete <= edit,
    create needs view), from a hypothesis draw function or a Random."""
    pick = (
        rng_or_draw.randint
        if isinstance(rng_or_draw, random.Random)
        else (lambda lo, hi: rng_or_draw(st.integers(lo, hi)))
    )
    view = pick(0, 3)
    edit = pick(0, view)
    delete = pick(0, edit)
    create = pick(0, 3) if view else 0
    return {
        "view": SCOPES[view],
        "edit": SCOPES[edit],
        "delete": SCOPES[delete],
        "create": SCOPES[create],
    }


@st.composite
def matrices(draw):
    return {entity: consistent_row(draw) for entity in ENTITIES}


WIDE = {entity: dict.fromkeys(ACTIONS, "all") for entity in ENTITIES}
# delegates are often wide, so that the attempts are accepted too, not only
# refused: a hole shows where something goes through
delegate_matrices = st.one_of(st.just(WIDE), st.just(WIDE), matrices())


def role_vals(name, matrix, extras):
    return {
        "name": name,
        "is_role": True,
        "role_permission_ids": [
            Command.create(
                {"entity": entity, **{f"{a}_scope": s for a, s in row.items()}}
            )
            for entity, row in matrix.items()
        ],
        **{key: key in extras for key in ROLE_EXTRAS},
    }


# set_roles is the delegates' main way: drawn more often
ATTEMPTS = (
    "set_roles",
    "set_roles",
    "set_roles",
    "user_groups_write",
    "role_users_write",
    "plain_group_becomes_role",
    "implied_ids_write",
    "permission_row_write",
    "set_role_permission",
    "create_role_with_users",
    "allow_everything",
    "invite_with_role",
    "reassign_and_delete",
    "suspend",
    "reactivate",
    "archive",
    "unlink",
    "resend_invite",
)


@tagged("post_install", "-at_install", "crm_attacks", "crm_fuzz")
class TestDelegationProperties(CrmAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rng = random.Random(20261201)
        cls.pool_roles = cls.env["res.groups"].browse()
        for index in range(6):
            matrix = {entity: consistent_row(rng) for entity in ENTITIES}
            if index % 2:
                # narrow roles, which wide delegates may give
                matrix = {
                    entity: {
                        a: min(s, "own", key=SCOPE_RANK.get) for a, s in row.items()
                    }
                    for entity, row in matrix.items()
                }
            extras = {key for key in ROLE_EXTRAS if rng.random() < 0.3}
            extras.discard("role_can_manage_roles")
            cls.pool_roles |= cls.env["res.groups"].create(
                role_vals(f"Fuzz role {index}", matrix, extras)
            )
        # narrow on the matrix, but implying Settings: a right all the same
        settings_role = role_vals(
            "Fuzz role with Settings",
            {entity: dict.fromkeys(ACTIONS, "none") for entity in ENTITIES},
            set(),
        )
        settings_role["implied_ids"] = [
            Command.link(cls.env.ref("base.group_system").id)
        ]
        cls.pool_roles |= cls.env["res.groups"].create(settings_role)
        cls.pool_roles |= cls.role_closer | cls.role_sales_manager | cls.role_default
        cls.pool_users = cls.env["res.users"].browse()
        for index, role in enumerate(cls.pool_roles):
            user = cls.make_role_user(f"fuzz_user_{index}", role)
            cls.pool_users |= user
        cls.pool_users[::2].write({"lifecycle_state": "active"})
        cls.pool_users[1:3].write({"lifecycle_state": "active"})
        cls.pool_users[1:3].write({"lifecycle_state": "suspended"})
        cls.plain_group = cls.env["res.groups"].create(
            {"name": "Fuzz plain", "users": [Command.set(cls.pool_users[:2].ids)]}
        )
        cls.protected_users = cls.owner | cls.olivia | cls.oscar
        cls.system_users = cls.env["res.users"].browse(
            [cls.env.ref(x).id for x in ("base.default_user", "base.public_user")]
        )
        cls.all_targets = cls.pool_users | cls.protected_users | cls.system_users
        cls.all_roles = cls.pool_roles | cls.role_owner | cls.role_admin
        cls.sensitive = cls.env["res.groups"].browse(
            [cls.env.ref(x).id for x in SENSITIVE_GROUPS]
        )

    @contextlib.contextmanager
    def rolled_back(self):
        """Run one example and undo everything it did."""
        savepoint = self.env.cr.savepoint()
        try:
            yield
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
            self.env.registry.clear_cache()

    def snapshot(self, users):
        users = users.sudo().with_context(active_test=False)
        users.invalidate_recordset()
        return {
            user.id: (
                frozenset(user.groups_id.ids),
                user.lifecycle_state,
                user.active,
                user.login,
            )
            for user in users
        }

    def rights(self, user):
        user = user.sudo()
        return (
            user._crm_scope_union(contacts_public=False),
            {key for key, on in user.get_effective_extras().items() if on},
        )

    def beyond(self, user_rights, delegate_rights):
        (scopes, extras), (mine, my_extras) = user_rights, delegate_rights
        too_wide = [
            f"{entity} {action}"
            for entity, actions in scopes.items()
            for action, scope in actions.items()
            if SCOPE_RANK[scope] > SCOPE_RANK[mine[entity][action]]
        ]
        return too_wide + sorted(extras - my_extras)

    def attempt(self, name, delegate, targets, roles, matrix):
        """Run the entry point ``name`` as ``delegate``."""
        getattr(self, f"try_{name}")(
            delegate, targets.with_user(delegate), roles.with_user(delegate), matrix
        )
        self.env.flush_all()

    def try_set_roles(self, delegate, targets, roles, matrix):
        targets.set_roles(roles.ids)

    def try_user_groups_write(self, delegate, targets, roles, matrix):
        targets.write({"groups_id": [Command.link(r.id) for r in roles]})

    def try_role_users_write(self, delegate, targets, roles, matrix):
        roles[:1].write({"users": [Command.link(u.id) for u in targets]})

    def try_plain_group_becomes_role(self, delegate, targets, roles, matrix):
        self.plain_group.with_user(delegate).write({"is_role": True})

    def try_implied_ids_write(self, delegate, targets, roles, matrix):
        implied = roles | self.sensitive[: len(roles)]
        group = roles[:1] or self.plain_group.with_user(delegate)
        group.write({"implied_ids": [Command.link(g.id) for g in implied]})

    def try_permission_row_write(self, delegate, targets, roles, matrix):
        row = roles[:1].role_permission_ids[:1]
        row.write({f"{a}_scope": s for a, s in matrix[row.entity].items()})

    def try_set_role_permission(self, delegate, targets, roles, matrix):
        entity = ENTITIES[len(targets) % len(ENTITIES)]
        for action, scope in matrix[entity].items():
            roles[:1].set_role_permission(entity, action, scope)

    def try_create_role_with_users(self, delegate, targets, roles, matrix):
        vals = role_vals("Fuzz new role", matrix, set())
        vals["users"] = [Command.set(targets.ids)]
        self.env["res.groups"].with_user(delegate).create(vals)

    def try_allow_everything(self, delegate, targets, roles, matrix):
        roles[:1].action_allow_everything()

    def try_invite_with_role(self, delegate, targets, roles, matrix):
        lines = [
            Command.create({"email": f"fuzz{i}@example.com", "role_id": r.id})
            for i, r in enumerate(roles)
        ]
        wizard = self.env["crm.user.invite.wizard"].with_user(delegate)
        wizard.create({"line_ids": lines}).action_send()

    def try_reassign_and_delete(self, delegate, targets, roles, matrix):
        action = roles[:1].action_crm_delete_role()
        if action.get("res_model") == "crm.role.reassign.wizard":
            wizard = self.env["crm.role.reassign.wizard"].with_user(delegate)
            wizard = wizard.browse(action["res_id"])
            wizard.target_role_id = roles[-1:]
            wizard.action_confirm()

    def try_suspend(self, delegate, targets, roles, matrix):
        targets.action_suspend()

    def try_reactivate(self, delegate, targets, roles, matrix):
        targets.action_reactivate()

    def try_archive(self, delegate, targets, roles, matrix):
        targets.action_archive()

    def try_unlink(self, delegate, targets, roles, matrix):
        targets.with_context(crm_user_management_archive_on_delete=True).unlink()

    def try_resend_invite(self, delegate, targets, roles, matrix):
        targets.action_resend_invite()

    def check_invariants(self, before, delegate, delegate_rights):
        after = self.snapshot(self.env["res.users"].browse(list(before)))
        changed = [uid for uid in before if before[uid] != after[uid]]
        new_users = (
            self.env["res.users"]
            .sudo()
            .search([("login", "=like", "fuzz%@example.com")])
        )
        for user in self.env["res.users"].browse(changed) | new_users:
            self.assertNotIn(
                user,
                self.protected_users | self.system_users,
                f"{delegate.name} changed {user.name}, protected",
            )
            too_wide = self.beyond(self.rights(user), delegate_rights)
            self.assertFalse(
                too_wide, f"{user.name} got {too_wide} beyond {delegate.name}"
            )
            groups_before = before.get(user.id, (frozenset(),))[0]
            gained = self.sensitive.filtered(
                lambda g, u=user, b=groups_before: (
                    g in u.sudo().groups_id
                    and g.id not in b
                    and g not in delegate.sudo().groups_id
                )
            )
            self.assertFalse(gained, f"{user.name} got {gained.mapped('name')}")
        for user in self.protected_users:
            self.assertEqual(before[user.id], after[user.id], user.name)
        self.assertEqual(self.role_owner.sudo().users, self.owner)

    def test_delegates_never_grant_beyond_their_rights(self):
        ran = {"examples": 0, "accepted": 0, "refused": 0, "by_attempt": {}}

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=not os.environ.get("CRM_FUZZ_RANDOM"),
            suppress_health_check=list(HealthCheck),
        )
        @given(
            delegate_matrix=delegate_matrices,
            delegate_extras=st.one_of(
                st.just(set(ROLE_EXTRAS)),
                st.sets(st.sampled_from(ROLE_EXTRAS)),
            ),
            attempt=st.sampled_from(ATTEMPTS),
            target_kind=st.sampled_from(("pool", "pool", "protected", "system")),
            target_indexes=st.lists(
                st.integers(0, 100), min_size=1, max_size=3, unique=True
            ),
            role_kind=st.sampled_from(("pool", "pool", "pool", "protected")),
            role_indexes=st.lists(
                st.integers(0, 100), min_size=1, max_size=2, unique=True
            ),
            matrix=matrices(),
        )
        def example(
            delegate_matrix,
            delegate_extras,
            attempt,
            target_kind,
            target_indexes,
            role_kind,
            role_indexes,
            matrix,
        ):
            ran["examples"] += 1
            with self.rolled_back():
                extras = {"role_can_manage_users", *delegate_extras}
                delegate_role = self.env["res.groups"].create(
                    role_vals("Fuzz delegate", delegate_matrix, extras)
                )
                delegate = self.make_role_user("fuzz_delegate", delegate_role)
                delegate.lifecycle_state = "active"
                delegate_rights = self.rights(delegate)
                kinds = {
                    "pool": self.pool_users,
                    "protected": self.protected_users,
                    "system": self.system_users,
                }
                pool = kinds[target_kind]
                targets = pool.browse({pool[i % len(pool)].id for i in target_indexes})
                role_pool = {
                    "pool": self.pool_roles,
                    "protected": self.role_owner | self.role_admin,
                }[role_kind]
                roles = role_pool.browse(
                    {role_pool[i % len(role_pool)].id for i in role_indexes}
                )
                before = self.snapshot(self.all_targets | delegate)
                try:
                    with self.env.cr.savepoint():
                        self.attempt(attempt, delegate, targets, roles, matrix)
                    ran["accepted"] += 1
                    ran["by_attempt"][attempt] = ran["by_attempt"].get(attempt, 0) + 1
                except REFUSALS as refusal:
                    ran["refused"] += 1
                    # a refusal is a message for the user, never a crash
                    self.assertTrue(str(refusal))
                self.check_invariants(before, delegate, delegate_rights)

        example()
        _logger.warning("delegation properties: %s", ran)
        self.assertGreaterEqual(ran["examples"], EXAMPLES)
        # the generator reaches accepted attempts too, not only refusals
        self.assertTrue(ran["accepted"], "no generated attempt was accepted")
