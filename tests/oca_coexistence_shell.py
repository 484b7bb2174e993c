# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stage of tests/test_oca_coexistence.py run in ``odoo-bin shell`` on a
database holding this addon and OCA's base_user_role (this file on stdin,
not a test module). ``CRM_OCA_OUT`` names the file of its JSON result."""

import json
import os

from odoo import Command

env = globals()["env"]  # given by odoo-bin shell, as the superuser


def _views():
    """The form and list views of users, roles and groups, as the admin
    sees them: every field each names."""
    admin = env.ref("base.user_admin")
    result = {}
    forms = {
        "res.users": env.ref("base.view_users_form").id,
        "res.groups": env.ref("base.view_groups_form").id,
        "res.users.role": False,
        "crm role": env.ref("crm_user_management.res_groups_view_form_role").id,
    }
    for key, form in forms.items():
        model = "res.groups" if key == "crm role" else key
        views = env[model].with_user(admin).get_views([(form, "form"), (False, "list")])
        result[key] = sorted(views["models"][model]["fields"])
    return result


def _oca_role_gives_crm_role():
    closer = env.ref("crm_user_management.role_closer")
    oca_role = env["res.users.role"].create(
        {"name": "OCA Closers", "implied_ids": [Command.link(closer.id)]}
    )
    user = env["res.users"].create(
        {
            "name": "OCA closer",
            "login": "oca.closer@example.com",
            "role_line_ids": [Command.create({"role_id": oca_role.id})],
        }
    )
    other = env.ref("base.user_admin")
    Lead = env["crm.lead"]
    own = Lead.create({"name": "OCA own", "type": "opportunity", "user_id": user.id})
    Lead.create({"name": "OCA other", "type": "opportunity", "user_id": other.id})
    env.flush_all()
    seen = Lead.with_user(user).search([]).ids
    result = {
        "closer_held": user.has_group("crm_user_management.role_closer"),
        "crm_role_ids": user.crm_role_ids.ids,
        "oca_role_ids": user.role_ids.ids,
        "permissions": user.get_effective_permissions(),
        # what the CRM role gives a user who holds it directly
        "closer_permissions": env["res.users"]
        .create(
            {
                "name": "Native closer",
                "login": "native.closer@example.com",
                "groups_id": [Command.link(closer.id)],
            }
        )
        .get_effective_permissions(),
        "sees": seen,
        "own_lead": own.id,
    }
    # the OCA role line goes: the CRM role goes with it
    user.write({"role_line_ids": [Command.clear()]})
    user.set_groups_from_roles(force=True)
    result["closer_held_after"] = user.has_group("crm_user_management.role_closer")
    result["closer_id"] = closer.id
    result["oca_role_id"] = oca_role.id
    return result


with open(os.environ["CRM_OCA_OUT"], "w") as out:
    json.dump({"views": _views(), "roles": _oca_role_gives_crm_role()}, out)
env.cr.rollback()
