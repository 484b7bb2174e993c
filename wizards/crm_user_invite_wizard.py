# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import re

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# a pasted line is one physical line: nothing, a quote included, joins two
LINE_BREAK = re.compile(r"\r\n|\r|\n")
CELL_DELIMITERS = "\t;,"
QUOTED = re.compile(r'"((?:[^"]|"")*)"')
NAMED_ADDRESS = re.compile(r"(?P<name>[^<>]*)<(?P<address>[^<>]*)>")
# how much of a pasted line or address a message quotes
QUOTE_LENGTH = 60


def shorten(text, length=QUOTE_LENGTH):
    """``text`` cut to ``length`` characters, to quote it in a message."""
    return text if len(text) <= length else text[: length - 1] + "…"


def unquote(cell):
    """A cell written as one quoted text ("" for a quote), without its quotes."""
    match = QUOTED.fullmatch(cell)
    return match[1].replace('""', '"') if match else cell


def first_delimiter(line):
    """The first tab, ';' or ',' of ``line`` outside double quotes, if any."""
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in CELL_DELIMITERS:
            return char
    return None


def split_named_address(cell):
    """(name or False, address) of 'Name <address>'; (False, cell) otherwise."""
    match = NAMED_ADDRESS.fullmatch(cell)
    if not match:
        return False, cell
    return unquote(match["name"].strip()) or False, match["address"].strip()


class CrmUserInviteWizard(models.TransientModel):
    _name = "crm.user.invite.wizard"
    _description = "Invite users"

    paste_text = fields.Text(
        string="Paste addresses",
        help="One user per line: an address, 'Name <address>', or a name and an "
        "address separated by a comma, a semicolon or a tab.",
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
        self._crm_check_can_invite()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invite users"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Parsing: one physical line at a time
    # ------------------------------------------------------------------
    @api.model
    def _crm_paste_lines(self, text):
        """(line number, text, parsed values) of each pasted line not blank."""
        # a NUL cannot be stored: kept visible as a replacement character
        text = (text or "").replace("\x00", "\ufffd").removeprefix("\ufeff")
        for number, line in enumerate(LINE_BREAK.split(text), start=1):
            parsed = self._crm_parse_line(line)
            if parsed:
                yield number, line, parsed

    @api.model
    def _crm_parse_paste(self, text):
        """Parse pasted lines: 'email', 'Name <email>', 'name,email' or
        'email,name' (also with ';' or a tab), each line on its own.

        :return: the {"name", "email"} of each line not blank
        """
        return [
            {"name": parsed["name"], "email": parsed["email"]}
            for _number, _line, parsed in self._crm_paste_lines(text)
        ]

    @api.model
    def _crm_paste_commands(self, text):
        """Commands creating a wizard line for each pasted line not blank,
        keeping the pasted text for the messages."""
        return [
            Command.create(
                {
                    "name": parsed["name"],
                    "email": parsed["email"],
                    "source_line": line,
                    "source_line_number": number,
                }
            )
            for number, line, parsed in self._crm_paste_lines(text)
        ]

    @api.model
    def _crm_line_cells(self, line):
        """(the non-blank cells of a pasted line, False) or (None, problem)."""
        if line.count('"') % 2:
            return None, _('It has an unbalanced quote ("): close it or remove it.')
        delimiter = first_delimiter(line)
        if not delimiter:
            return [unquote(line)], False
        try:
            row = next(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error:
            return None, _(
                'It has a quote (") inside a cell: quote whole cells, '
                'as in "Doe, John",john@example.com.'
            )
        return [cell.strip() for cell in row if cell.strip()], False

    @api.model
    def _crm_parse_line(self, text):
        """Parse one pasted line: an address, 'Name <address>', or a name and
        an address in either order, separated by a tab, ';' or ','.

        The address cell must be one address: none is taken out of a longer
        text (the address check refuses what is not one).

        :return: {"name", "email", "problem"}, None for a blank line; when
            the line cannot be read, "email" is the whole line
        """
        line = text.strip()
        if not line:
            return None

        def refused(problem):
            return {"name": False, "email": line, "problem": problem}

        cells, problem = self._crm_line_cells(line)
        if problem:
            return refused(problem)
        if not cells:
            return None
        if len(cells) > 2:
            return refused(
                _(
                    "It has %(count)s columns: give an address, or a name and "
                    "an address.",
                    count=len(cells),
                )
            )
        with_at = [index for index, cell in enumerate(cells) if "@" in cell]
        if len(with_at) > 1:
            return refused(_("It has two addresses: put one address per line."))
        address_index = with_at[0] if with_at else len(cells) - 1
        name = cells[1 - address_index] if len(cells) == 2 else False
        named, email = split_named_address(cells[address_index])
        if named and name and named != name:
            return refused(
                _(
                    "It gives two names, %(first)s and %(second)s: keep one.",
                    first=shorten(name),
                    second=shorten(named),
                )
            )
        return {"name": name or named, "email": email, "problem": False}

    # ------------------------------------------------------------------
    # Validation (addresses: crm_user_invite_wizard_address.py)
    # ------------------------------------------------------------------
    def _crm_line_problems(self):
        """Return {line: problem} for every line that cannot be invited."""
        self.ensure_one()
        problems = {}
        seen = {}
        role_problems = self.env["res.groups"]._crm_role_problems(self.line_ids.role_id)
        for line in self.line_ids:
            email, address_problem = self._crm_check_address(line.email)
            if address_problem:
                address_problem = _(
                    "'%(email)s' is not a valid email address. %(reason)s",
                    email=shorten(line.email or ""),
                    reason=address_problem,
                )
            name_problem = line.name and any(
                not char.isprintable() for char in line.name
            )
            line_problems = [
                line._crm_source_problem() or address_problem,
                name_problem
                and _("The name contains a line break or another control character."),
                role_problems.get(line.role_id),
            ]
            if any(line_problems):
                problems[line] = " ".join(filter(None, line_problems))
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

    def _crm_line_label(self, index, line):
        """'Line <index>' for the message, quoting the pasted text if any."""
        if not line.source_line:
            return _("Line %(index)s", index=index)
        text = shorten(line.source_line.strip())
        if line.source_line_number and line.source_line_number != index:
            return _(
                "Line %(index)s (pasted line %(number)s, `%(text)s`)",
                index=index,
                number=line.source_line_number,
                text=text,
            )
        return _("Line %(index)s (`%(text)s`)", index=index, text=text)

    @api.onchange("paste_text")
    def _onchange_paste_text(self):
        if self.paste_text:
            self.line_ids = self._crm_paste_commands(self.paste_text)
            self.paste_text = False

    def _crm_check_lines(self):
        """Refuse the whole invitation, naming every bad line, if any line or
        the seats do not allow it."""
        problems = self._crm_line_problems()
        messages = [
            _(
                "%(line)s: %(problem)s",
                line=self._crm_line_label(index, line),
                problem=problems[line],
            )
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

    @api.model
    def _crm_check_can_invite(self):
        if not (self.env.su or self.env.user._crm_is_user_manager()):
            raise AccessError(_("Only user managers can invite users."))

    @api.model
    def _crm_users_for_inviter(self):
        """``res.users`` to create the invited users with: as the inviter, or
        for a delegate (who has no right to create users) under sudo, once
        every line's role was checked within their rights."""
        users = self.env["res.users"]
        if users.has_access("create"):
            return users
        # sudo: the lines' roles were checked against the delegate's rights
        # (res.groups._crm_role_problems); the creation is logged as theirs
        return users.sudo()

    def action_send(self):
        """Validate every line, then invite them all in one transaction, or none."""
        self.ensure_one()
        self._crm_check_can_invite()
        if self.paste_text:
            self.line_ids = self._crm_paste_commands(self.paste_text)
            self.paste_text = False
        if not self.line_ids:
            raise UserError(_("Add at least one email address to invite."))
        self._crm_check_lines()
        default_groups = self.env["res.users"]._default_groups()
        protected = self.env["res.groups"]._crm_protected_roles()
        vals_list = []
        for line in self.line_ids:
            email = self._crm_check_address(line.email)[0]
            name = line.name or email.split("@")[0]
            vals = {"name": name, "login": email, "email": email}
            # the Owner and Admins always have CRM access
            vals["crm_access"] = line.crm_access or line.role_id in protected
            if line.role_id:
                # the default groups with this role instead of the default role,
                # as ticking a role on the user form gives (the default role
                # is taken back at creation, see _crm_settle_default_role)
                vals["groups_id"] = [Command.set((default_groups | line.role_id).ids)]
            vals_list.append(vals)
        users = self._crm_users_for_inviter().create(vals_list)
        memberships = [
            {"user_id": user.id, "crm_team_id": line.team_id.id}
            for line, user in zip(self.line_ids, users, strict=True)
            if line.team_id
        ]
        if memberships:
            # sudo: a user manager places the users they just invited in a team
            self.env["crm.team.member"].sudo().create(memberships)
        return self.env["res.users"]._crm_notify(
            _(
                "%(count)s invitation(s) queued: each user gets an email with "
                "a link to set their password.",
                count=len(users),
            ),
            self._crm_pending_users_action(),
        )

    @api.model
    def _crm_pending_users_action(self):
        """The pending users: on the Users screen for the Owner and Admins, on
        the Team screen for the others."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_res_users"
            if self.env.user.has_group("base.group_erp_manager")
            else "crm_user_management.action_crm_team_members"
        )
        action["context"] = dict(
            self.env.context,
            search_default_crm_filter_pending=1,
            search_default_no_share=1,
            crm_user_management_archive_on_delete=1,
        )
        action["target"] = "main"
        return action
