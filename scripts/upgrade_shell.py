# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages of scripts/test_upgrade.sh, each run in ``odoo-bin shell`` (this file
on stdin): ``seed`` uses the addon of the previous release the way a company
does; ``snapshot`` writes, for every internal user, their effective
permissions and extras and the ids of what they see. ``CRM_UPGRADE_STAGE`` and
``CRM_UPGRADE_OUT`` (the JSON result) come from the environment."""

import json
import os

from odoo import Command
from odoo.tools.safe_eval import safe_eval

env = globals()["env"]  # given by odoo-bin shell, as the superuser
STAGE = os.environ["CRM_UPGRADE_STAGE"]
SEEN = ("crm.lead", "res.partner", "mail.activity", "crm.activity.report")


def user(login):
    return env["res.users"].search([("login", "=", login)])


def seed():
    ref = env.ref
    closer = ref("crm_user_management.role_closer")
    closer.set_role_permission("contact", "edit", "own")
    role = env["res.groups"].create(
        {"name": "Upgrade Auditor", "is_role": True, "role_can_export": True}
    )
    for entity in ("lead", "deal", "contact", "company"):
        role.set_role_permission(entity, "view", "team")
    auditor = env["res.users"].create(
        {"name": "Upgrade Auditor", "login": "upgrade.auditor@example.com"}
    )
    auditor.set_roles(role.ids)
    chloe, carl, sam = (
        user("chloe.closer@example.com"),
        user("carl.closer@example.com"),
        user("sam.manager@example.com"),
    )
    group = env["res.groups"].create(
        {
            "name": "Upgrade Insiders",
            "is_visibility_group": True,
            "users": [Command.set((chloe | auditor).ids)],
        }
    )
    Lead = env["crm.lead"]
    Lead.create(
        {
            "name": "Upgrade private",
            "type": "opportunity",
            "user_id": carl.id,
            "visibility": "private",
        }
    )
    Lead.create(
        {
            "name": "Upgrade insiders",
            "type": "opportunity",
            "user_id": carl.id,
            "visibility": "groups",
            "visibility_group_ids": [Command.set(group.ids)],
        }
    )
    env["res.partner"].create(
        {"name": "Upgrade private contact", "user_id": carl.id, "visibility": "private"}
    )
    trashed = Lead.create(
        {"name": "Upgrade trashed", "type": "opportunity", "user_id": sam.id}
    )
    trashed.with_user(user("olivia.admin@example.com")).unlink()
    # a saved filter and an export template on the field 18.0.1.1.0 renames
    env["ir.filters"].create(
        {
            "name": "Closers",
            "model_id": "res.users",
            "domain": f"[('role_ids', 'in', [{closer.id}])]",
        }
    )
    env["ir.exports"].create(
        {
            "name": "Users and roles",
            "resource": "res.users",
            "export_fields": [
                Command.create({"name": "login"}),
                Command.create({"name": "role_ids/name"}),
            ],
        }
    )
    return {"trashed": trashed.id, "audit": env["crm.audit.log"].search_count([])}


def snapshot():
    result = {}
    users = env["res.users"].search([("share", "=", False)])
    for u in users:
        as_user = {}
        for model in SEEN:
            try:
                as_user[model] = sorted(env[model].with_user(u).search([]).ids)
            except Exception as error:  # noqa: BLE001 - recorded, then compared
                as_user[model] = type(error).__name__
        result[u.login] = {
            "permissions": u.get_effective_permissions(),
            "extras": u.get_effective_extras(),
            "roles": sorted(u.groups_id.filtered("is_role").mapped("name")),
            "sees": as_user,
        }
    saved = env["ir.filters"].search([("name", "=", "Closers")])
    # the saved filter still runs (it names the field by its name of then)
    result["__filter_ok__"] = bool(
        saved and env["res.users"].search(safe_eval(saved.domain))
    )
    export = env["ir.exports"].search([("name", "=", "Users and roles")])
    result["__export_ok__"] = bool(export) and all(
        line.name.split("/")[0] in env["res.users"]._fields
        for line in export.export_fields
    )
    result["__audit__"] = env["crm.audit.log"].search_count([])
    result["__trash__"] = env["crm.trash.entry"].search_count([])
    result["__vis_groups__"] = env["res.groups"].search_count(
        [("is_visibility_group", "=", True)]
    )
    return result


out = {"seed": seed, "snapshot": snapshot}[STAGE]()
env.cr.commit()
with open(os.environ["CRM_UPGRADE_OUT"], "w") as handle:
    json.dump(out, handle, indent=1, sort_keys=True)
