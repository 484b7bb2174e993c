# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


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


def uninstall_hook(env):
    """The compiled rules and access rights have no XML id: remove them with
    the module, or they would name fields that no longer exist."""
    for model in ("ir.rule", "ir.model.access"):
        env[model].with_context(active_test=False).search(
            [("crm_generated", "=", True)]
        ).unlink()
    # an index made in res.partner's init(), which Odoo does not track
    env.cr.execute(SQL("DROP INDEX IF EXISTS res_partner_crm_email_lower_index"))
