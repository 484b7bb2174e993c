# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stages of tests/test_uninstall.py, each run in its own ``odoo-bin shell``
(this file on stdin), not by a test loader (its name is no ``test_*``).

``CRM_UNINSTALL_STAGE`` names the stage, ``CRM_UNINSTALL_ARGS`` is its JSON
argument and ``CRM_UNINSTALL_OUT`` the file its JSON result goes to:

- ``probe``: what each user (``{label: user id}``) gets from the CRM searches,
  run as that user;
- ``seed``: use the addon (a narrowed role, restricted records, the trash,
  Settings) and tell the users to probe;
- ``uninstall``: Apps > Uninstall.
"""

import json
import os

from odoo import Command

env = globals()["env"]  # given by odoo-bin shell, as the superuser

MODULE = "crm_user_management"


def _outcome(call):
    """{"ids": ...} or {"error": class name, "message": ...}: AccessError is
    the stock answer to a user without access rights, anything else a bug."""
    try:
        return {"ids": call()}
    except Exception as error:  # noqa: BLE001 - reported and asserted by the test
        env.cr.rollback()
        return {"error": type(error).__name__, "message": str(error)}


def _probe_user(user):
    report = env["crm.activity.report"].with_user(user)
    return {
        "crm.lead": _outcome(
            lambda: sorted(env["crm.lead"].with_user(user).search([]).ids)
        ),
        "res.partner": _outcome(
            lambda: sorted(env["res.partner"].with_user(user).search([]).ids)
        ),
        "mail.activity": _outcome(
            lambda: sorted(env["mail.activity"].with_user(user).search([]).ids)
        ),
        "crm.activity.report": _outcome(
            lambda: sorted(
                [g["lead_id"] and g["lead_id"][0], g["__count"]]
                for g in report.read_group([], ["lead_id"], ["lead_id"], lazy=False)
            )
        ),
        "groups": sorted(user.groups_id.ids),
    }


def probe(users):
    """{label: outcomes} of the users ``{label: id or XML id}`` (those whose
    XML id is unknown are left out), with the leads under stock
    rules: the ``expected`` leads of the user's stock Sales groups."""
    result = {}
    for label, user_ref in users.items():
        if isinstance(user_ref, str):
            user = env.ref(user_ref, raise_if_not_found=False)
            if not user:
                continue
        else:
            user = env["res.users"].browse(user_ref)
        result[label] = _probe_user(user)
        company = ["|", ("company_id", "in", user.company_ids.ids)]
        company.append(("company_id", "=", False))
        if user.has_group("sales_team.group_sale_salesman_all_leads"):
            expected = env["crm.lead"].search(company)
        elif user.has_group("sales_team.group_sale_salesman"):
            own = ["|", ("user_id", "=", user.id), ("user_id", "=", False)]
            expected = env["crm.lead"].search(own + company)
        else:
            expected = None  # no access right to leads: AccessError
        result[label]["expected_leads"] = (
            sorted(expected.ids) if expected is not None else None
        )
    return result


def seed(_args):
    params = env["ir.config_parameter"]
    # the demo data's seat limit would refuse new users
    params.set_param(f"{MODULE}.seat_limit", 0)
    # parameters of Settings, which have no XML id
    params.set_param(f"{MODULE}.trash_days", 30)
    params.set_param(f"{MODULE}.default_visibility_lead", "private")
    chloe = env.ref(f"{MODULE}.demo_user_closer_1")
    # a narrowed role: own leads and deals only, deleting them included
    narrow = env["res.groups"].create({"name": "Uninstall Narrow", "is_role": True})
    for entity in ("lead", "deal"):
        for action in ("view", "create", "edit", "delete"):
            narrow.set_role_permission(entity, action, "own")
    nora = env["res.users"].create(
        {
            "name": "Nora Narrow",
            "login": "nora.narrow@example.com",
            "email": "nora.narrow@example.com",
            "groups_id": [Command.link(narrow.id)],
        }
    )
    chloe.groups_id = [Command.link(narrow.id)]
    # a tailored user: her personal group goes with the module
    nora.crm_set_personal_permission("lead", "delete", "none")
    assert nora.crm_personal_group_id
    team = env["res.groups"].create(
        {
            "name": "Uninstall Team",
            "is_visibility_group": True,
            "users": [Command.set([nora.id])],
        }
    )
    Lead = env["crm.lead"]
    private = Lead.create(
        {"name": "Uninstall private", "user_id": chloe.id, "visibility": "private"}
    )
    grouped = Lead.create(
        {
            "name": "Uninstall grouped",
            "user_id": nora.id,
            "visibility": "groups",
            "visibility_group_ids": [Command.set(team.ids)],
        }
    )
    trashed = Lead.create({"name": "Uninstall trashed", "user_id": chloe.id})
    env["res.partner"].create(
        {
            "name": "Uninstall private contact",
            "user_id": chloe.id,
            "visibility": "private",
        }
    )
    for lead in (private, grouped, trashed):
        lead.activity_schedule("mail.mail_activity_data_todo", user_id=chloe.id)
    trashed.with_user(chloe).unlink()
    entries = env["crm.trash.entry"].search([("res_id", "=", trashed.id)])
    assert trashed.with_context(active_test=False).crm_trash_date and entries
    # the restricted records are hidden from the closer while we are installed
    hidden = env["crm.lead"].with_user(chloe).search([("id", "=", grouped.id)])
    assert not hidden, "the grouped lead must be hidden from chloe"
    env.cr.commit()
    portal = env.ref("base.demo_user0", raise_if_not_found=False)
    users = {
        "admin": env.ref("base.user_admin").id,
        "salesman": env.ref("base.user_demo").id,
        "closer": chloe.id,
        "narrow": nora.id,
        "suspended": env.ref(f"{MODULE}.demo_user_suspended").id,
    }
    if portal:
        users["portal"] = portal.id
    return {
        "users": users,
        "trashed_lead": trashed.id,
        "restricted_leads": [private.id, grouped.id],
        "probe": probe(users),
    }


def uninstall(_args):
    module = env["ir.module.module"].search([("name", "=", MODULE)])
    module.button_immediate_uninstall()
    env.cr.commit()
    return {"state": module.read(["state"])[0]["state"]}


STAGES = {"probe": probe, "seed": seed, "uninstall": uninstall}
stage_result = STAGES[os.environ["CRM_UNINSTALL_STAGE"]](
    json.loads(os.environ.get("CRM_UNINSTALL_ARGS") or "{}")
)
with open(os.environ["CRM_UNINSTALL_OUT"], "w", encoding="utf-8") as out:
    json.dump(stage_result, out)
