# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.web.controllers.export import CSVExport

from .crm_access_compiler import ACTIONS
from .crm_constants import (
    PARAM_ACCESS_REVIEW_LAST,
    PARAM_ACCESS_REVIEW_MONTHS,
    ROLE_EXTRAS,
)

# what spreadsheets read as the start of a formula (Odoo's CSV export guards
# only =, + and -; xlsxwriter writes a string starting with = as a formula)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralized(value, yes_no):
    """``value`` as a cell: a text no spreadsheet runs, ``yes_no`` for a
    boolean, a datetime to the second."""
    if isinstance(value, bool):
        return yes_no[not value]
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ResUsers(models.Model):
    """The access review: who holds what, since when, given by whom."""

    _inherit = "res.users"

    @api.model
    def crm_access_report(self):
        """One dict per internal user the current user may review (the Owner
        and Admins: everyone; a delegate: the users within their rights and
        themselves): ``name``, ``login``, ``status``, ``roles`` (``name``,
        ``assigned_date``, ``assigned_by``), ``customised``, ``crm_access``,
        ``permissions`` ({entity: {action: scope}}), ``extras`` ({right:
        bool}), ``visibility_groups`` and ``last_login``."""
        self._crm_check_can_review_access()
        users = self.env["crm.access.explainer"]._askable_users()
        assignments = self._crm_assignments_of(users)
        contacts_public = self.env["res.groups"]._crm_contacts_public()
        status = dict(self._fields["lifecycle_state"]._description_selection(self.env))
        # users holding the same roles share their effective matrix
        unions = {}
        report = []
        for user in users:
            roles = user.groups_id.filtered("is_role")
            tailored = user._crm_is_tailored()
            # a tailored user's matrix is their own
            key = user.id if tailored else frozenset(roles.ids)
            if key not in unions:
                unions[key] = user._crm_scope_union(contacts_public)
            report.append(
                {
                    "name": user.name,
                    "login": user.login,
                    "status": status.get(user.lifecycle_state, user.lifecycle_state),
                    "roles": [
                        self._crm_role_line(role, assignments.get((user.id, role.id)))
                        for role in roles
                    ],
                    "customised": user.crm_customised,
                    "crm_access": user.crm_access,
                    # a copy each: users of the same roles share the union
                    "permissions": {e: dict(a) for e, a in unions[key].items()},
                    "extras": user._crm_extras(),
                    "visibility_groups": user.groups_id.filtered(
                        "is_visibility_group"
                    ).mapped("name"),
                    "last_login": user.login_date,
                }
            )
        return report

    @api.model
    def _crm_check_can_review_access(self):
        """The access review is for user managers (delegates: their users)."""
        if not (self.env.su or self.env.user._crm_is_user_manager()):
            raise AccessError(_("Only user managers review access."))

    @api.model
    def _crm_assignments_of(self, users):
        """{(user id, role id): crm.role.assignment} of ``users``."""
        # sudo: the assignments of users the asker may review (checked before)
        assignments = (
            self.env["crm.role.assignment"]
            .sudo()
            .search([("user_id", "in", users.ids)])
        )
        return {(a.user_id.id, a.group_id.id): a for a in assignments}

    @api.model
    def _crm_role_line(self, role, assignment):
        return {
            "name": role.name,
            "assigned_date": assignment.assigned_date if assignment else False,
            "assigned_by": assignment.assigned_by_id.name or "" if assignment else "",
        }

    @api.model
    def _crm_access_report_table(self):
        """(headers, rows) of the access review, one row per user."""
        entities = self.env["crm.role.entity"]._crm_selection()
        headers = [
            _("Name"),
            _("Login"),
            _("Status"),
            _("Roles (since, by)"),
            _("Customised"),
            _("CRM Access"),
            *(f"{name} / {action}" for _code, name in entities for action in ACTIONS),
            *(self.env["res.groups"]._fields[extra].string for extra in ROLE_EXTRAS),
            _("Visibility Groups"),
            _("Last Login"),
        ]
        rows = []
        yes_no = (_("Yes"), _("No"))
        for line in self.crm_access_report():
            roles = "; ".join(
                "{} ({}, {})".format(
                    role["name"],
                    fields.Datetime.to_string(role["assigned_date"]) or "?",
                    role["assigned_by"] or "?",
                )
                for role in line["roles"]
            )
            rows.append(
                [
                    neutralized(value, yes_no)
                    for value in self._crm_access_report_row(line, roles, entities)
                ]
            )
        return headers, rows

    @api.model
    def _crm_access_report_row(self, line, roles, entities):
        """The cells of one line of ``crm_access_report``."""
        return [
            line["name"],
            line["login"],
            line["status"],
            roles,
            line["customised"],
            line["crm_access"],
            *(
                line["permissions"][code][action]
                for code, _name in entities
                for action in ACTIONS
            ),
            *(line["extras"][extra] for extra in ROLE_EXTRAS),
            ", ".join(line["visibility_groups"]),
            line["last_login"] or "",
        ]

    @api.model
    def _crm_cron_access_review_reminder(self):
        """Every N months (Settings; 0: never), an activity for the Owner and
        each Admin to review access, the access review attached as CSV."""
        # sudo: the reminder's own settings, read and stamped by the cron
        params = self.env["ir.config_parameter"].sudo()
        months = int(params.get_param(PARAM_ACCESS_REVIEW_MONTHS) or 0)
        if months <= 0:
            return False
        today = fields.Date.context_today(self)
        last = fields.Date.to_date(params.get_param(PARAM_ACCESS_REVIEW_LAST) or None)
        if last and last + relativedelta(months=months) > today:
            return False
        groups = self.env["res.groups"]
        reviewers = (
            (groups._crm_role("owner") | groups._crm_role("admin"))
            # sudo: the members of the Owner and Admin roles, who get the task
            .sudo()
            .users.filtered(lambda user: user.active and not user.share)
        )
        # sudo: the whole review, for the Owner and the Admins
        headers, rows = self.sudo()._crm_access_report_table()
        report = CSVExport().from_data([{"type": "char"}] * len(headers), headers, rows)
        self._crm_review_tasks(reviewers, report, today)
        params.set_param(PARAM_ACCESS_REVIEW_LAST, fields.Date.to_string(today))
        return True

    @api.model
    def _crm_review_tasks(self, reviewers, report, today):
        """One to-do per reviewer, the CSV ``report`` attached to each."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        activities = self.env["mail.activity"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": reviewer.partner_id.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": _("Review access"),
                    "note": _(
                        "Check who holds which role and what they may see: the "
                        "access review of today is attached (Settings > Users & "
                        "Companies > Access Review gives it again)."
                    ),
                    "user_id": reviewer.id,
                    "date_deadline": today,
                }
                for reviewer in reviewers
            ]
        )
        files = self.env["ir.attachment"].create(
            [
                {
                    "name": f"access_review_{today}.csv",
                    "raw": report.encode(),
                    "mimetype": "text/csv",
                    "res_model": "mail.activity",
                    "res_id": activity.id,
                }
                for activity in activities
            ]
        )
        for activity, file in zip(activities, files, strict=True):
            activity.attachment_ids = file
