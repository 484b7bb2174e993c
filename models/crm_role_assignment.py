# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CrmRoleAssignment(models.Model):
    """Who holds which role, since when and granted by whom (kept in sync
    with the role's group membership)."""

    _name = "crm.role.assignment"
    _description = "CRM Role Assignment"
    _order = "group_id, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", index=True, readonly=True
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Role",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    sale_team_id = fields.Many2one(
        related="user_id.sale_team_id", string="Sales Team", readonly=True
    )
    login = fields.Char(related="user_id.login", readonly=True)
    lifecycle_state = fields.Selection(related="user_id.lifecycle_state")
    assigned_date = fields.Datetime(
        related="create_date", string="Assigned On", readonly=True
    )
    assigned_by_id = fields.Many2one(
        related="create_uid", string="Assigned By", readonly=True
    )

    _sql_constraints = (
        ("user_role_unique", "UNIQUE(user_id, group_id)", "One assignment per role."),
    )

    @api.model
    def _crm_sync(self, users=None):
        """Match assignments to role memberships, in two statements."""
        self.env["res.users"].flush_model(["groups_id"])
        self.env["res.groups"].flush_model(["is_role"])
        self.flush_model()
        user_filter = SQL("AND r.uid IN %s", tuple(users.ids)) if users else SQL()
        a_filter = SQL("AND a.user_id IN %s", tuple(users.ids)) if users else SQL()
        self.env.cr.execute(
            SQL(
                """DELETE FROM crm_role_assignment a
                    WHERE (NOT EXISTS (SELECT 1 FROM res_groups_users_rel r
                                        WHERE r.uid = a.user_id AND r.gid = a.group_id)
                           OR NOT EXISTS (SELECT 1 FROM res_groups g
                                           WHERE g.id = a.group_id AND g.is_role))
                      %s""",
                a_filter,
            )
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO crm_role_assignment
                          (user_id, group_id, create_uid, create_date,
                           write_uid, write_date)
                   SELECT r.uid, r.gid, %(uid)s, now() at time zone 'UTC',
                          %(uid)s, now() at time zone 'UTC'
                     FROM res_groups_users_rel r
                     JOIN res_groups g ON g.id = r.gid AND g.is_role
                    WHERE NOT EXISTS (SELECT 1 FROM crm_role_assignment a
                                       WHERE a.user_id = r.uid AND a.group_id = r.gid)
                      %(filter)s""",
                uid=self.env.uid,
                filter=user_filter,
            )
        )
        self.invalidate_model()
