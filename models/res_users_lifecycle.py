# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied, UserError

from .crm_constants import LIFECYCLE_TRANSITIONS

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    """The lifecycle: invited -> active -> suspended -> archived, and logging
    in."""

    _inherit = "res.users"

    crm_signup_tz = fields.Char(
        string="Signup Timezone",
        copy=False,
        groups="base.group_system",
        help="The timezone an invitee chose at signup, set at their first login "
        "(Odoo's login sets the browser's).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("active", True) is False:
                vals["lifecycle_state"] = "archived"
            elif vals.get("lifecycle_state") == "archived":
                vals["active"] = False
        users = super().create(vals_list)
        users.filtered(lambda u: not u.active).archive_date = fields.Datetime.now()
        return users

    def write(self, vals):
        if "lifecycle_state" in vals:
            self._crm_check_can_manage()
            self._crm_check_lifecycle_transition(vals["lifecycle_state"])
            vals = dict(vals)
            if vals["lifecycle_state"] == "archived":
                vals["active"] = False
            elif "active" not in vals and any(not u.active for u in self):
                vals["active"] = True
        if not {"active", "lifecycle_state"} & set(vals):
            return super().write(vals)
        previous_states = {user.id: user.lifecycle_state for user in self}
        res = super().write(vals)
        if "lifecycle_state" not in vals:
            self._crm_sync_lifecycle_with_active()
        self._crm_log_lifecycle_changes(previous_states)
        return res

    def unlink(self):
        if self.env.context.get("crm_user_management_archive_on_delete"):
            # the Users screen's Delete: the users' data stays and keeps its owner
            self.action_archive()
            return True
        return super().unlink()

    def _crm_sync_lifecycle_with_active(self):
        """Archive -> archived; unarchive -> active, or invited if never logged in."""
        archived = self.filtered(
            lambda u: not u.active and u.lifecycle_state != "archived"
        )
        unarchived = self.filtered(
            lambda u: u.active and u.lifecycle_state == "archived"
        )
        if archived:
            archived._crm_write_derived(
                {"lifecycle_state": "archived", "archive_date": fields.Datetime.now()}
            )
        logged_in = unarchived.filtered("login_date")
        if logged_in:
            logged_in._crm_write_derived({"lifecycle_state": "active"})
        if unarchived - logged_in:
            (unarchived - logged_in)._crm_write_derived({"lifecycle_state": "invited"})
        return True

    def _crm_check_lifecycle_transition(self, new_state):
        if new_state not in LIFECYCLE_TRANSITIONS:
            raise UserError(_("Unknown lifecycle state %(state)s.", state=new_state))
        labels = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        for user in self:
            if (
                new_state != user.lifecycle_state
                and new_state not in LIFECYCLE_TRANSITIONS[user.lifecycle_state]
            ):
                raise UserError(
                    _(
                        "%(user)s is %(old)s and cannot become %(new)s.",
                        user=user.name,
                        old=labels[user.lifecycle_state],
                        new=labels[new_state],
                    )
                )

    def _crm_log_lifecycle_changes(self, previous_states):
        """Write each lifecycle change in the user's chatter (on its partner)."""
        labels = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        bodies = {
            user.partner_id.id: Markup("%s: %s &rarr; %s")
            % (
                _("Status"),
                labels[previous_states[user.id]],
                labels[user.lifecycle_state],
            )
            for user in self
            if previous_states.get(user.id) != user.lifecycle_state
        }
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "lifecycle",
                    "user_id": user.id,
                    "description": self.env._("Status"),
                    "old_value": labels[previous_states[user.id]],
                    "new_value": labels[user.lifecycle_state],
                }
                for user in self
                if previous_states.get(user.id) != user.lifecycle_state
            ]
        )
        if bodies:
            # sudo: the caller was allowed to change the users; this only logs it
            self.env["res.partner"].sudo().browse(list(bodies))._message_log_batch(
                bodies, author_id=self.env.user.partner_id.id
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_crm_data_owner(self):
        # sudo: count what the users own, whoever may see it
        leads = self.env["crm.lead"].sudo().with_context(active_test=False)
        activities = self.env["mail.activity"].sudo()
        owners = self.browse(
            {
                *leads.search([("user_id", "in", self.ids)]).user_id.ids,
                *activities.search([("user_id", "in", self.ids)]).user_id.ids,
            }
        )
        if owners:
            raise UserError(
                _(
                    "%(users)s still own leads or activities. Archive them instead "
                    "(their data stays and keeps its owner), "
                    "or reassign the data first.",
                    users=", ".join(owners.mapped("name")),
                )
            )

    def action_archive(self):
        # stock mail deletes the activities assigned to the users archived:
        # they stay, assigned to them, visible to whoever sees their record
        return super(
            ResUsers, self.with_context(crm_keep_activities_of=tuple(self.ids))
        ).action_archive()

    def action_suspend(self):
        """Suspend active users: they keep data and seat but cannot log in."""
        users = self._crm_check_can_manage()
        if self.env.user in self and not self.env.su:
            raise UserError(_("You cannot suspend yourself."))
        users.write({"lifecycle_state": "suspended"})
        return self._crm_notify(
            _(
                "%(count)s user(s) suspended: logged out, data and seat kept.",
                count=len(self),
            )
        )

    def _crm_check_state(self, state, message):
        """Refuse the action on users not in ``state``: ``message`` names them
        as ``%(users)s``."""
        wrong = self.filtered(lambda u: u.lifecycle_state != state)
        if wrong:
            raise UserError(message % {"users": ", ".join(wrong.mapped("name"))})

    def action_reactivate(self):
        """Give suspended users their access back."""
        users = self._crm_check_can_manage()
        self._crm_check_state(
            "suspended", _("Only suspended users can be reactivated: %(users)s.")
        )
        users.write({"lifecycle_state": "active"})
        return self._crm_notify(
            _("%(count)s user(s) reactivated: they can log in again.", count=len(self))
        )

    @api.model
    def _crm_notify(self, message, next_action=None):
        """A success toast for the web client, then ``next_action`` (by
        default the view reloaded)."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": next_action
                or {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _check_credentials(self, credential, env):
        user = self.env.user
        if user.lifecycle_state != "suspended":
            return super()._check_credentials(credential, env)
        # a wrong password gets Odoo's usual message: only who proves to be the
        # account's holder learns that it is suspended, and whom to ask
        super()._check_credentials(credential, env)
        _logger.info("Login refused for suspended user %s", user.login)
        owners, admins = self._crm_privileged_members()
        # sudo: the names of the Owner and Admins, for the message only
        managers = self.sudo().browse(sorted(owners | admins)).filtered("active")
        raise AccessDenied(
            _(
                "Your account is suspended. Ask %(managers)s to reactivate it.",
                managers=_(" or ").join(managers.mapped("name"))
                or _("your administrator"),
            )
        )

    @api.model
    def _update_last_login(self):
        res = super()._update_last_login()
        user = self.env.user
        if user.lifecycle_state == "invited":
            previous = {user.id: user.lifecycle_state}
            # sudo: the user just authenticated; only their own status changes
            user_sudo = user.sudo()
            user_sudo._crm_write_derived({"lifecycle_state": "active"})
            user_sudo._crm_log_lifecycle_changes(previous)
            if user_sudo._crm_initials_avatar_due():
                # the initials avatar stock stores at creation (see write())
                user_sudo.image_1920 = user_sudo.partner_id._avatar_generate_svg()
            user_sudo._crm_settle_first_login()
        return res

    def _crm_settle_first_login(self):
        """At the first login: the timezone chosen at signup (Odoo's login
        has just set the browser's), and CRM as the home of a user who may
        read leads."""
        vals = {}
        if self.crm_signup_tz:
            vals.update(tz=self.crm_signup_tz, crm_signup_tz=False)
        pipeline = self.env.ref(
            "crm.crm_lead_action_pipeline", raise_if_not_found=False
        )
        if (
            pipeline
            and not self.action_id
            and self.has_group("sales_team.group_sale_salesman")
        ):
            vals["action_id"] = pipeline.id
        if vals:
            self._crm_write_derived(vals)
