# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

MODULE = "crm_user_management"
# what data/ir_config_parameter_data.xml sets for auth_signup (stock: 144)
SIGNUP_VALIDITY = ("auth_signup.signup.validity.hours", "168")
# records of these models that our demo data made are people's and customers'
# records, like any other: they stay, without the module's XML ids
KEPT_MODELS = ("res.users", "res.partner", "crm.lead", "crm.team.member")


def pre_init_hook(env):
    """Users that exist before the install are accounts in use, not invitations."""
    env.cr.execute(
        SQL(
            """ALTER TABLE res_users ADD COLUMN IF NOT EXISTS lifecycle_state varchar;
               UPDATE res_users
                  SET lifecycle_state = CASE WHEN active THEN 'active'
                                             ELSE 'archived' END
                WHERE lifecycle_state IS NULL"""
        )
    )


def crm_module_uninstalling(env):
    """Whether this module's records are being removed with it (the uninstall
    hook, then ``module_uninstall()``): nothing of ours is rebuilt then."""
    if not env.context.get(MODULE_UNINSTALL_FLAG):
        return False
    # sudo: a module's state is no secret
    return bool(
        env["ir.module.module"]
        .sudo()
        .search_count([("name", "=", MODULE), ("state", "=", "to remove")])
    )


def uninstall_hook(env):
    """Leave the database as if the module had never been installed, its
    users' and customers' records kept: what has no XML id of ours goes here,
    ``module_uninstall()`` then removes the rest and drops our fields."""
    # the superuser's language (Odoo's hooks get no context), and the flag of
    # module_uninstall(): our overrides then rebuild nothing
    context = env["res.users"].context_get()
    env = env(context=dict(context, **{MODULE_UNINSTALL_FLAG: True}))
    Users = env["res.users"].with_context(active_test=False)
    # a suspended user cannot log in; stock has no such state: archived
    Users.search([("lifecycle_state", "=", "suspended")]).write({"active": False})
    # the compiled rules and access rights have no XML id: they would name
    # fields that no longer exist (the compiler no longer rebuilds them, see
    # crm_module_uninstalling)
    for model in ("ir.rule", "ir.model.access"):
        env[model].with_context(active_test=False).search(
            [("crm_generated", "=", True)]
        ).unlink()
    # roles, visibility and personal groups made by users; those of our data files go
    # with their XML ids. Members keep the stock groups they implied.
    data = env["ir.model.data"]

    def our_ids(model):
        domain = [("module", "=", MODULE), ("model", "=", model)]
        return data.search(domain).mapped("res_id")

    env["res.groups"].with_context(active_test=False).search(
        [
            "|",
            "|",
            ("is_role", "=", True),
            ("is_visibility_group", "=", True),
            # the personal groups of tailored users
            ("crm_personal_user_id", "!=", False),
            ("id", "not in", our_ids("res.groups")),
        ]
    ).unlink()
    # parameters: Settings' have no XML id; auth_signup's validity is ours
    # while it has the value our data set
    module_keys = MODULE.replace("_", "\\_") + ".%"
    env["ir.config_parameter"].search(
        [
            "|",
            ("key", "=like", module_keys),
            "&",
            ("key", "=", SIGNUP_VALIDITY[0]),
            ("value", "=", SIGNUP_VALIDITY[1]),
        ]
    ).unlink()
    # users, contacts, leads and team members of the demo data stay
    data.search([("module", "=", MODULE), ("model", "in", KEPT_MODELS)]).unlink()
    # Odoo names a model's inherits after every module extending the parent
    # too (mail_bot, sms, ... for mail.thread): those XML ids of the models only
    # we define would outlive them
    shared = data.search(
        [
            ("model", "=", "ir.model"),
            ("res_id", "in", our_ids("ir.model")),
            ("module", "!=", MODULE),
        ]
    )
    our_models = env["ir.model"].browse(
        set(our_ids("ir.model")) - set(shared.mapped("res_id"))
    )
    inherits = env["ir.model.inherit"].search([("model_id", "in", our_models.ids)])
    data.search(
        [
            ("model", "=", "ir.model.inherit"),
            ("res_id", "in", inherits.ids),
            ("module", "!=", MODULE),
        ]
    ).unlink()
    # the foreign keys of our fields on stock tables are reflected without
    # XML id: their rows would stay (the keys go with the columns)
    env["ir.model.constraint"].search(
        [
            ("module.name", "=", MODULE),
            ("type", "=", "f"),
            ("model", "not in", our_models.ids),
        ]
    ).unlink()
    # an index made in res.partner's init(), which Odoo does not track
    env.cr.execute(SQL("DROP INDEX IF EXISTS res_partner_crm_email_lower_index"))
