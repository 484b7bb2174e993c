# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tailoring one user: personal scopes and extra rights in place of what
their roles give, and the CRM access switch.

A tailored user (customised, or with CRM access off) holds a personal group
that the compiler treats as their only source of CRM rights: its ACLs and
group rules grant what the adjusted matrix allows, and the guard narrows the
user to it alone, whatever their roles give.
"""

import contextlib

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .crm_access_compiler import ACTIONS, SCOPE_RANK
from .crm_constants import ROLE_EXTRAS
from .crm_transaction import collecting


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_access = fields.Boolean(
        string="CRM Access",
        default=True,
        help="Off: no CRM right at all, whatever the roles and adjustments, "
        "until switched back on. Always on for the Owner and Admins.",
    )
    crm_personal_permission_ids = fields.One2many(
        "crm.personal.permission", "user_id", string="Personal Permissions"
    )
    crm_personal_extra_ids = fields.One2many(
        "crm.personal.extra", "user_id", string="Personal Extra Rights"
    )
    crm_personal_group_id = fields.Many2one(
        "res.groups",
        string="Personal Access Group",
        readonly=True,
        copy=False,
        groups="base.group_erp_manager",
    )
    crm_customised = fields.Boolean(
        string="Customised",
        compute="_compute_crm_customised",
        store=True,
        help="Some of this user's rights are set for them, in place of what "
        "their roles give.",
    )
    crm_access_mode = fields.Selection(
        [("all", "All"), ("custom", "Custom")],
        string="Permissions",
        compute="_compute_crm_access_mode",
        inverse="_inverse_crm_access_mode",
        help="All: what the roles give. Custom: some rights set for this user.",
    )

    crm_access_label = fields.Char(
        string="Tailored",
        compute="_compute_crm_access_label",
        help="Customised: some rights are set for this user; No CRM access: "
        "switched off.",
    )
    crm_can_tailor = fields.Boolean(
        compute="_compute_crm_can_tailor",
        help="Whether you may set this user's rights and CRM access.",
    )

    @api.depends("crm_customised", "crm_access")
    def _compute_crm_access_label(self):
        for user in self:
            user.crm_access_label = (
                not user.crm_access
                and self.env._("No CRM access")
                or user.crm_customised
                and self.env._("Customised")
                or False
            )

    @api.depends_context("uid")
    def _compute_crm_can_tailor(self):
        protected = self.env["res.groups"]._crm_protected_roles()
        manageable = self._crm_manageable()
        for user in self:
            # sudo: the user's membership of the Owner and Admin roles
            user.crm_can_tailor = user in manageable and not (
                protected & user.sudo().groups_id
            )

    @api.depends("crm_personal_permission_ids", "crm_personal_extra_ids")
    def _compute_crm_customised(self):
        for user in self:
            user.crm_customised = bool(
                user.crm_personal_permission_ids or user.crm_personal_extra_ids
            )

    @api.depends("crm_customised")
    def _compute_crm_access_mode(self):
        for user in self:
            user.crm_access_mode = "custom" if user.crm_customised else "all"

    def _inverse_crm_access_mode(self):
        # "All" goes back to the roles; "Custom" alone changes nothing until a
        # right is set
        self.filtered(
            lambda u: u.crm_access_mode == "all" and u.crm_customised
        ).crm_reset_personal_permissions()

    def _crm_is_tailored(self):
        """Whether this user's rights are not simply their roles'."""
        self.ensure_one()
        # sudo: the user's own adjustments and switch
        user = self.sudo()
        return not user.crm_access or user.crm_customised

    # -- the public API -----------------------------------------------------

    def crm_set_personal_permission(self, entity, action, scope):
        """Set this user's scope of ``action`` on ``entity``, in place of what
        their roles give (wider or narrower)."""
        self.ensure_one()
        if (
            entity not in self.env["crm.role.entity"]._crm_by_code()
            or action not in ACTIONS
            or scope not in SCOPE_RANK
        ):
            raise UserError(
                self.env._(
                    "Unknown permission %(entity)s / %(action)s / %(scope)s.",
                    entity=entity,
                    action=action,
                    scope=scope,
                )
            )
        target = self._crm_check_can_tailor()
        # sudo: checked just above (a delegate has no access to adjustments)
        rows = target.sudo().crm_personal_permission_ids
        row = rows.filtered(lambda r: r.entity == entity and r.action == action)
        with self._crm_tailoring() as touch:
            touch(target)
            if row:
                row.write({"scope": scope})
            else:
                rows.create(
                    {
                        "user_id": target.id,
                        "entity": entity,
                        "action": action,
                        "scope": scope,
                    }
                )
        return True

    def crm_set_personal_extra(self, extra, value):
        """Give (``value`` true) or take this user's extra right ``extra``
        (export, merge, reassign, manage users or roles), in place of what
        their roles give."""
        self.ensure_one()
        key = extra if extra in ROLE_EXTRAS else f"role_can_{extra}"
        if key not in ROLE_EXTRAS or not isinstance(value, bool):
            raise UserError(
                self.env._(
                    "Unknown extra right %(extra)s (or a value that is not "
                    "true or false).",
                    extra=extra,
                )
            )
        target = self._crm_check_can_tailor()
        # sudo: checked just above
        rows = target.sudo().crm_personal_extra_ids
        row = rows.filtered(lambda r: r.extra == key)
        with self._crm_tailoring() as touch:
            touch(target)
            if row:
                row.write({"value": value})
            else:
                rows.create({"user_id": target.id, "extra": key, "value": value})
        return True

    def crm_reset_personal_permissions(self):
        """Back to the roles: every adjustment of these users goes."""
        targets = self._crm_check_can_tailor()
        with self._crm_tailoring() as touch:
            touch(targets)
            # sudo: checked just above
            sudo_targets = targets.sudo()
            sudo_targets.crm_personal_permission_ids.unlink()
            sudo_targets.crm_personal_extra_ids.unlink()
        return True

    # -- who may, and what follows ------------------------------------------

    def _crm_check_can_tailor(self):
        """Who may tailor these users: who manages them (never oneself, the
        Owner or an Admin, who always hold everything).

        :return: the users, as ``_crm_check_can_manage`` returns them
        """
        protected = self.env["res.groups"]._crm_protected_roles()
        # sudo: the targets' membership of the Owner and Admin roles
        always = self.sudo().filtered(lambda u: protected & u.groups_id)
        if always:
            raise UserError(
                self.env._(
                    "%(users)s hold(s) every right as Owner or Admin: their "
                    "access is not tailored.",
                    users=", ".join(always.mapped("name")),
                )
            )
        if self.env.su:
            return self
        if self.env.user in self:
            raise AccessError(self.env._("You cannot tailor your own access."))
        targets = self._crm_check_can_manage()
        return targets

    @contextlib.contextmanager
    def _crm_tailoring(self):
        """Run a block that changes adjustments or CRM access; yield
        ``touch(users)``, to name each user before changing them. At the end
        of the outermost block: the result checked, the personal groups and
        rules rebuilt, each change logged."""
        with collecting(self.env, "tailoring") as (before, outermost):

            def touch(users):
                for user in users:
                    if user.id not in before:
                        before[user.id] = user._crm_tailoring_text()

            yield touch
            if outermost and before:
                self.browse(list(before))._crm_after_tailoring(dict(before))

    def _crm_after_tailoring(self, before):
        """``before``: {user id: ``_crm_tailoring_text()`` before the change}."""
        # sudo: users whose change was checked by the caller
        users = self.sudo()
        caller = self.env.user
        delegated = caller.id != SUPERUSER_ID and not caller.has_group(
            "base.group_erp_manager"
        )
        for user in users:
            scopes = user._crm_scope_union(contacts_public=False)
            for entity, actions in scopes.items():
                problem = self.env["crm.role.permission"]._crm_scope_problem(actions)
                if problem:
                    raise ValidationError(
                        self.env._(
                            "%(user)s, %(entity)s: %(problem)s",
                            user=user.name,
                            entity=dict(
                                self.env["crm.role.entity"]._crm_selection()
                            ).get(entity, entity),
                            problem=problem,
                        )
                    )
            if delegated and user != caller:
                held = [key for key, on in user._crm_extras().items() if on]
                too_wide = caller._crm_rights_beyond(scopes, held)
                if too_wide:
                    raise AccessError(
                        self.env._(
                            "You cannot give %(user)s %(rights)s: it goes beyond "
                            "your own rights.",
                            user=user.name,
                            rights=", ".join(too_wide),
                        )
                    )
        users._crm_sync_personal_groups()
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "rights",
                    "user_id": user.id,
                    "description": self.env._("Personal rights"),
                    "old_value": before[user.id],
                    "new_value": user._crm_tailoring_text(),
                }
                for user in users
                if before[user.id] != user._crm_tailoring_text()
            ]
        )

    def _crm_tailoring_text(self):
        """This user's switch and adjustments, in words (the audit log)."""
        self.ensure_one()
        # sudo: the user's own adjustments, for the log
        user = self.sudo()
        parts = [
            self.env._("CRM access on")
            if user.crm_access
            else self.env._("CRM access off")
        ]
        parts += [
            f"{row.entity} {row.action}={row.scope}"
            for row in user.crm_personal_permission_ids
        ]
        parts += [
            f"{row.extra}={'yes' if row.value else 'no'}"
            for row in user.crm_personal_extra_ids
        ]
        return ", ".join(parts)

    def _crm_sync_personal_groups(self):
        """Tailored users hold their own personal group, the others none; the
        rules follow."""
        # sudo: the personal groups follow the adjustments just checked
        users = self.sudo()
        Groups = self.env["res.groups"].sudo()
        hidden = self.env.ref("base.module_category_hidden")
        with Groups._crm_compiling_once():
            for user in users:
                group = user.crm_personal_group_id
                if user._crm_is_tailored() and not group:
                    user.crm_personal_group_id = Groups.create(
                        {
                            "name": self.env._(
                                "Personal access: %(login)s", login=user.login
                            ),
                            "category_id": hidden.id,
                            "crm_personal_user_id": user.id,
                            "users": [Command.link(user.id)],
                        }
                    )
                elif group and not user._crm_is_tailored():
                    user.crm_personal_group_id = False
                    # only the user's own personal group goes with the field
                    if group.crm_personal_user_id == user:
                        group.unlink()
            Groups._crm_compile_roles()
        users._crm_sync_stock_groups()
        return True

    def _crm_personal_scopes(self, contacts_public):
        """{entity: {action: scope}} of a tailored user: their roles' union
        with their adjustments in place (nothing with CRM access off); with
        ``contacts_public``, views every contact if it grants anything."""
        self.ensure_one()
        # sudo: the user's own adjustments
        user = self.sudo()
        scopes = self.env["crm.role.permission"]._crm_empty_matrix()
        if not user.crm_access:
            return scopes
        scopes = self._crm_roles_scope_union(False)
        for row in user.crm_personal_permission_ids:
            if row.entity in scopes:
                scopes[row.entity][row.action] = row.scope
        if contacts_public and any(
            s != "none" for actions in scopes.values() for s in actions.values()
        ):
            for entity in self.env["crm.role.entity"]._crm_registry():
                if entity.model == "res.partner":
                    scopes[entity.code]["view"] = "all"
        return scopes

    def _crm_personal_extras(self, extras):
        """``extras`` (the roles') with this user's adjustments in place."""
        self.ensure_one()
        # sudo: the user's own adjustments
        user = self.sudo()
        if not user.crm_access:
            return dict.fromkeys(ROLE_EXTRAS, False)
        return {
            **extras,
            **{row.extra: row.value for row in user.crm_personal_extra_ids},
        }

    def _crm_personal_cells(self):
        """{(entity, action)} and {extra} this user's adjustments set."""
        self.ensure_one()
        # sudo: the user's own adjustments
        user = self.sudo()
        return (
            {(row.entity, row.action) for row in user.crm_personal_permission_ids},
            set(user.crm_personal_extra_ids.mapped("extra")),
        )
