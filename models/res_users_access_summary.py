# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .crm_access_compiler import ACTIONS


class ResUsers(models.Model):
    """The user form's Access tab: what the user may do in CRM, and why."""

    _inherit = "res.users"

    crm_access_summary = fields.Html(
        string="CRM Access Summary",
        compute="_compute_crm_access_summary",
        sanitize=False,
        help="The effective matrix (entity x action: scope, and the roles that "
        "give it), the extra rights and the visibility groups of the user.",
    )

    @api.depends_context("uid")
    def _compute_crm_access_summary(self):
        explainer = self.env["crm.access.explainer"]
        for user in self:
            try:
                explainer._check_may_ask(user)
            except AccessError:
                user.crm_access_summary = False
                continue
            # sudo: the asker may ask about this user (checked above)
            user.crm_access_summary = user.sudo()._crm_access_table()

    def _crm_access_table(self):
        """HTML: entity rows, action columns, "scope (roles)" cells; then the
        extra rights and the visibility groups."""
        contacts_public = self.env["res.groups"]._crm_contacts_public()
        roles = self.groups_id.filtered("is_role")
        scopes = {role: role._crm_effective_scopes(contacts_public) for role in roles}
        union = self._crm_scope_union(contacts_public)
        entities = self.env["crm.role.entity"]._crm_selection()
        labels = {
            "view": _("View"),
            "create": _("Create"),
            "edit": _("Edit"),
            "delete": _("Delete"),
        }
        head = Markup("").join(Markup("<th>%s</th>") % labels[a] for a in ACTIONS)
        rows = []
        adjusted = self._crm_personal_cells()[0]
        for code, name in entities:
            cells = []
            for action in ACTIONS:
                scope = union[code][action]
                givers = [
                    role.name
                    for role in roles
                    if scope != "none" and scopes[role][code][action] == scope
                ]
                if (code, action) in adjusted:
                    givers = [_("set for them")]
                elif not self.crm_access:
                    givers = [_("CRM access off")]
                label = f"{scope} ({', '.join(givers)})" if givers else scope
                cells.append(Markup("<td>%s</td>") % label)
            rows.append(
                Markup("<tr><th>%s</th>%s</tr>") % (name, Markup("").join(cells))
            )
        extras = [
            self.env["res.groups"]._fields[key].string
            for key, held in self._crm_extras().items()
            if held
        ]
        groups = self.groups_id.filtered("is_visibility_group").mapped("name")
        return Markup(
            '<table class="table table-sm o_crm_access_matrix">'
            "<thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody></table>"
            "<p><strong>%s</strong> %s</p><p><strong>%s</strong> %s</p>"
        ) % (
            _("Entity"),
            head,
            Markup("").join(rows),
            _("Extra rights:"),
            escape(", ".join(extras) or _("none")),
            _("Visibility groups:"),
            escape(", ".join(groups) or _("none")),
        )
