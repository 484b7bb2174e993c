# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ("crm.lead", "crm.visibility.mixin", "crm.trash.mixin")

    visibility_group_ids = fields.Many2many(
        relation="crm_lead_visibility_group_rel",
        column1="lead_id",
        column2="group_id",
    )

    # the fields that tell the matrix entity of a record
    _crm_entity_fields = ("type",)

    @api.model
    def _crm_visibility_entity(self, vals):
        kind = vals.get("type") or self.default_get(["type"]).get("type")
        return "lead" if kind == "lead" else "deal"

    @api.depends_context("uid")
    def _compute_display_name(self):
        """Leads hidden from the user (visibility, trash) are named neutrally
        where Odoo names them on the user's behalf: many2one values, groups,
        exports (a direct read of a hidden lead is refused anyway)."""
        hidden = self._crm_hidden_from_reader()
        res = super(CrmLead, self - hidden)._compute_display_name()
        for lead in hidden:
            lead.display_name = _("Restricted lead")
        return res

    def _compute_potential_lead_duplicates(self):
        # crm reads each lead's customer with the user's rights (a customer
        # hidden from the user would make the whole lead unreadable) and looks
        # for duplicates under sudo, trash included: it runs under sudo, and
        # only the duplicates the user may read are theirs to see (else the ids
        # tell a hidden lead exists, by email domain or phone)
        res = super(CrmLead, self.sudo())._compute_potential_lead_duplicates()
        if not self.env.su:
            stored = self.duplicate_lead_ids.filtered(lambda d: isinstance(d.id, int))
            visible = stored._filtered_access("read")
            for lead in self:
                lead.duplicate_lead_ids &= visible | lead
                lead.duplicate_lead_count = len(lead.duplicate_lead_ids - lead)
        return res

    def unlink(self):
        """Role holders' deletes go to the trash (before crm detaches meetings)."""
        rest = self._crm_send_to_trash()
        return super(CrmLead, rest).unlink() if rest else True

    def _crm_check_extra_right(self, key, what):
        """Refuse ``what`` to CRM role holders whose roles lack the extra right."""
        user = self.env.user
        if self.env.su or not user._crm_is_crm_role_holder():
            return
        if not user._crm_has_extra(key):
            raise AccessError(_("Your role does not allow you to %(what)s.", what=what))

    def write(self, vals):
        if "user_id" in vals and self._crm_owner_changes(vals["user_id"]):
            self._crm_check_extra_right(
                "role_can_reassign", _("change the salesperson")
            )
        return super().write(vals)

    def merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True):
        """Merging leads needs the 'merge leads' right of a role."""
        self._crm_check_extra_right("role_can_merge", _("merge leads"))
        return super().merge_opportunity(
            user_id=user_id, team_id=team_id, auto_unlink=auto_unlink
        )
