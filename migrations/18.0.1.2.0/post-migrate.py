# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: the Admin role gives Access Rights (``base.group_erp_manager``)
instead of Settings (``base.group_system``), which runs code and reads every
secret, so that an Admin can no longer become the Owner. The Admins who are
not the Owner lose Settings; the role's data is noupdate, so it is changed
here."""

import logging

from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    admin = env.ref("crm_user_management.role_admin", raise_if_not_found=False)
    owner = env.ref("crm_user_management.role_owner", raise_if_not_found=False)
    settings = env.ref("base.group_system")
    access_rights = env.ref("base.group_erp_manager")
    if not admin or settings not in admin.implied_ids:
        return
    admin.write(
        {"implied_ids": [Command.unlink(settings.id), Command.link(access_rights.id)]}
    )
    # what else they hold that gives Settings keeps it
    leaving = admin.users - (owner.users if owner else env["res.users"])
    leaving = leaving.filtered(
        lambda user: (
            settings not in (user.groups_id - settings - admin).trans_implied_ids
        )
    )
    if leaving:
        settings.write({"users": [Command.unlink(user.id) for user in leaving]})
    _logger.info(
        "crm_user_management: the Admin role gives Access Rights, not Settings; "
        "%s Admin(s) lost Settings",
        len(leaving),
    )
