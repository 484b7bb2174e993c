# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0 renames res.users.role_ids to crm_role_ids (role_ids is OCA
base_user_role's field): saved filters, favourites and export templates on
users follow the new name. Roles, matrices (their entity codes are the codes
of the new crm.role.entity records), assignments, visibility, trash and the
audit log need no change."""

import logging
import re

from odoo.tools import SQL

_logger = logging.getLogger(__name__)
OLD, NEW = "role_ids", "crm_role_ids"
# the old field name as a whole word in a domain, context or field path
WORD = re.compile(rf"(?<![\w.]){OLD}\b")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "SELECT id, domain, context, sort FROM ir_filters WHERE model_id = %s",
            "res.users",
        )
    )
    filters = 0
    for filter_id, *texts in cr.fetchall():
        new = [WORD.sub(NEW, text) if text else text for text in texts]
        if new != texts:
            cr.execute(
                SQL(
                    "UPDATE ir_filters SET domain = %s, context = %s, sort = %s "
                    "WHERE id = %s",
                    *new,
                    filter_id,
                )
            )
            filters += 1
    cr.execute(
        SQL(
            """UPDATE ir_exports_line l SET name = regexp_replace(l.name, %s, %s)
                 FROM ir_exports e
                WHERE e.id = l.export_id AND e.resource = %s
                  AND l.name ~ %s""",
            r"^role_ids(/|$)",
            NEW + r"\1",
            "res.users",
            r"^role_ids(/|$)",
        )
    )
    _logger.info(
        "crm_user_management 18.0.1.1.0: %s filters and %s export lines renamed "
        "from %s to %s",
        filters,
        cr.rowcount,
        OLD,
        NEW,
    )
