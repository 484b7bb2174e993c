# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class CrmRoleReassignWizard(models.TransientModel):
    """Move the users of a role to other roles, then delete it: all or nothing."""

    _name = "crm.role.reassign.wizard"
    _description = "Reassign Users Before Deleting a Role"

    group_id = fields.Many2one(
        "res.groups", string="Role to Delete", required=True, readonly=True
    )
    target_role_id = fields.Many2one(
        "res.groups",
        string="Move Everyone To",
        domain="[('id', 'in', allowed_target_ids)]",
        help="The role every listed user moves to, unless their line says otherwise.",
    )
    allowed_target_ids = fields.Many2many(
        "res.groups",
        compute="_compute_allowed_target_ids",
        help="The roles you may give, but the one deleted (never Owner).",
    )
    line_ids = fields.One2many(
        "crm.role.reassign.wizard.line", "wizard_id", string="Users"
    )

    @api.depends("group_id")
    @api.depends_context("uid")
    def _compute_allowed_target_ids(self):
        allowed = self.env["res.groups"]._crm_givable_roles()
        for wizard in self:
            wizard.allowed_target_ids = allowed - wizard.group_id

    @api.model
    def action_open(self, role):
        """Open the wizard for ``role`` with one line per user."""
        wizard = self.create(
            {
                "group_id": role.id,
                "line_ids": [Command.create({"user_id": u.id}) for u in role.users],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Delete role %(role)s", role=role.name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Move every user to their target role and delete the role."""
        self.ensure_one()
        role = self.group_id
        missing = self.line_ids.filtered(
            lambda line: not (line.target_role_id or self.target_role_id)
        )
        if missing:
            raise UserError(
                _(
                    "Choose a role for %(users)s, or one role for everyone.",
                    users=", ".join(missing.user_id.mapped("name")),
                )
            )
        moved = self.line_ids.user_id
        left = role.users - moved
        if left:
            raise UserError(
                _(
                    "%(users)s also hold(s) %(role)s: add them to the list.",
                    users=", ".join(left.mapped("name")),
                    role=role.name,
                )
            )
        by_target = {}
        for line in self.line_ids:
            target = line.target_role_id or self.target_role_id
            if target not in self.allowed_target_ids:
                raise UserError(
                    _(
                        "Users must move to another role you may give (never "
                        "Owner): %(role)s is not one.",
                        role=target.name,
                    )
                )
            by_target.setdefault(target, self.env["res.users"])
            by_target[target] |= line.user_id
        # one write per target: each user changes role once (one audit entry)
        for target, users in by_target.items():
            users.write(
                {"groups_id": [Command.link(target.id), Command.unlink(role.id)]}
            )
        name = role.name
        role.unlink()
        return role._crm_action_roles_after_delete(name)
