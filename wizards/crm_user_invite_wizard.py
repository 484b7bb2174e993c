# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.mail import email_normalize, email_split_tuples


class CrmUserInviteWizard(models.TransientModel):
    _name = "crm.user.invite.wizard"
    _description = "Invite users"

    paste_text = fields.Text(
        string="Paste addresses",
        help="One address per line, or CSV lines 'name,email'.",
    )
    line_ids = fields.One2many(
        "crm.user.invite.wizard.line", "wizard_id", string="Users"
    )
    seat_usage = fields.Char(compute="_compute_seats")
    seats_free = fields.Integer(
        compute="_compute_seats", help="-1 when there is no seat limit."
    )
    seat_warning = fields.Char(compute="_compute_seats")

    @api.depends("line_ids")
    def _compute_seats(self):
        Users = self.env["res.users"]
        usage = Users.get_seat_usage()
        for wizard in self:
            wizard.seat_usage = Users._crm_seat_usage_text(usage)
            wizard.seats_free = -1 if not usage["limit"] else usage["available"]
            wizard.seat_warning = wizard._crm_seat_problem(usage)

    def _crm_seat_problem(self, usage):
        if not usage["limit"]:
            return False
        wanted = len(self.line_ids)
        if not usage["available"]:
            return _("No seat is free: %(used)s of %(limit)s seats used.", **usage)
        if wanted > usage["available"]:
            return _(
                "Not enough seats: %(wanted)s invitations, %(available)s seat(s) free "
                "(%(used)s of %(limit)s seats used).",
                wanted=wanted,
                **usage,
            )
        return False

    @api.model
    def action_open(self):
        """Open the wizard in a dialog."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Invite users"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @api.model
    def _crm_parse_paste(self, text):
        """Parse pasted lines: 'email', 'Name <email>' or 'name,email'."""
        values = []
        for row in csv.reader(io.StringIO(text or "")):
            cells = [cell.strip() for cell in row if cell.strip()]
            if not cells:
                continue
            if len(cells) >= 2:
                name, email = cells[0], cells[1]
                if "@" in name and "@" not in email:
                    name, email = email, name
            else:
                parsed = email_split_tuples(cells[0])
                name, email = parsed[0] if parsed else ("", cells[0])
            values.append({"name": name or False, "email": email})
        return values

    @api.onchange("paste_text")
    def _onchange_paste_text(self):
        if self.paste_text:
            self.line_ids = [
                Command.create(vals) for vals in self._crm_parse_paste(self.paste_text)
            ]
            self.paste_text = False

    def _crm_line_problems(self):
        """Return {line: problem} for every line that cannot be invited."""
        self.ensure_one()
        problems = {}
        seen = {}
        for line in self.line_ids:
            email = email_normalize(line.email or "", strict=True)
            if not email:
                problems[line] = _(
                    "'%(email)s' is not a valid email address.", email=line.email or ""
                )
            elif email in seen:
                problems[line] = _("%(email)s appears twice in this list.", email=email)
            else:
                seen[email] = line
        if seen:
            self.env["res.users"].flush_model(["login", "partner_id"])
            self.env["res.partner"].flush_model(["email"])
            taken = self.env.execute_query(
                SQL(
                    """SELECT lower(u.login), lower(trim(p.email))
                         FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                        WHERE lower(u.login) IN %(emails)s
                           OR lower(trim(p.email)) IN %(emails)s""",
                    emails=tuple(seen),
                )
            )
            for login, email in taken:
                for key in (login, email):
                    if key in seen:
                        problems[seen[key]] = _(
                            "%(email)s is already a user.", email=key
                        )
        return problems

    def action_send(self):
        """Validate every line, then invite them all in one transaction, or none."""
        self.ensure_one()
        if self.paste_text:
            self.line_ids = [
                Command.create(vals) for vals in self._crm_parse_paste(self.paste_text)
            ]
            self.paste_text = False
        if not self.line_ids:
            raise UserError(_("Add at least one email address to invite."))
        problems = self._crm_line_problems()
        messages = [
            _("Line %(index)s: %(problem)s", index=index, problem=problems[line])
            for index, line in enumerate(self.line_ids, start=1)
            if line in problems
        ]
        seat_problem = self._crm_seat_problem(self.env["res.users"].get_seat_usage())
        if seat_problem:
            messages.append(seat_problem)
        if messages:
            raise UserError(
                _("Nothing was sent:\n%(problems)s", problems="\n".join(messages))
            )
        default_groups = self.env["res.users"]._default_groups()
        vals_list = []
        for line in self.line_ids:
            email = email_normalize(line.email)
            name = line.name or email.split("@")[0]
            vals = {"name": name, "login": email, "email": email}
            if line.role_id:
                # the default groups with this role instead of the default role,
                # as ticking a role on the user form gives (the default role
                # is taken back at creation, see _crm_settle_default_role)
                vals["groups_id"] = [Command.set((default_groups | line.role_id).ids)]
            vals_list.append(vals)
        users = self.env["res.users"].create(vals_list)
        memberships = [
            {"user_id": user.id, "crm_team_id": line.team_id.id}
            for line, user in zip(self.line_ids, users, strict=True)
            if line.team_id
        ]
        if memberships:
            # sudo: a user manager places the users they just invited in a team
            self.env["crm.team.member"].sudo().create(memberships)
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_res_users")
        action["context"] = dict(
            self.env.context,
            search_default_crm_filter_pending=1,
            search_default_no_share=1,
            crm_user_management_archive_on_delete=1,
        )
        action["target"] = "main"
        return action
