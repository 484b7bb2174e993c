# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmUserRoleWizard(models.TransientModel):
    """Change roles (the Team screen): the chosen users' roles are replaced by
    the roles chosen, among those the current user may give."""

    _name = "crm.user.role.wizard"
    _description = "Change the Roles of Users"

    user_ids = fields.Many2many(
        "res.users", string="Users", required=True, readonly=True
    )
    role_ids = fields.Many2many(
        "res.groups",
        string="Roles",
        domain="[('id', 'in', allowed_role_ids)]",
        help="The users' roles after the change: their rights add up.",
    )
    allowed_role_ids = fields.Many2many(
        "res.groups",
        compute="_compute_allowed_role_ids",
        help="The roles you may give: within your own rights, never Owner.",
    )

    @api.depends("user_ids")
    @api.depends_context("uid")
    def _compute_allowed_role_ids(self):
        allowed = self.env["res.groups"]._crm_givable_roles()
        for wizard in self:
            wizard.allowed_role_ids = allowed

    @api.model
    def action_open(self, users):
        """The wizard on ``users``, their current roles ticked."""
        self._crm_check_can_change_roles_of(users)
        # sudo: the users' current roles, to start from them
        current = (
            users.sudo().crm_role_ids
            & self.env["res.groups"]._crm_givable_roles().sudo()
        )
        wizard = self.create(
            {
                "user_ids": [Command.set(users.ids)],
                "role_ids": [Command.set(current.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Change roles"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _crm_check_can_change_roles_of(self, users):
        if not self.env.user._crm_is_user_manager():
            raise AccessError(_("Only user managers can change the roles of users."))
        beyond = users - users._crm_manageable()
        if beyond:
            # sudo (below): their names, for the message only
            raise AccessError(
                _(
                    "You cannot change the roles of %(users)s.",
                    users=", ".join(beyond.sudo().mapped("name")),
                )
            )

    def action_apply(self):
        """Replace the users' roles; refused as a whole if any is not allowed."""
        self.ensure_one()
        # the users again: a client may write them after the wizard opened
        self._crm_check_can_change_roles_of(self.user_ids)
        if not self.role_ids:
            raise UserError(_("Choose at least one role."))
        not_allowed = self.role_ids - self.env["res.groups"]._crm_givable_roles()
        if not_allowed:
            raise AccessError(
                _(
                    "You cannot give %(roles)s.",
                    # sudo: their names, for the message only
                    roles=", ".join(not_allowed.sudo().mapped("name")),
                )
            )
        self.user_ids.set_roles(self.role_ids.ids)
        return self.env["res.users"]._crm_notify(
            _(
                "Roles of %(count)s user(s) changed to %(roles)s.",
                count=len(self.user_ids),
                roles=", ".join(self.role_ids.mapped("name")),
            )
        )
