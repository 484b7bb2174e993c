# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..hooks import crm_module_uninstalling
from .crm_visibility_mixin import VISIBILITY_MODELS


class ResGroups(models.Model):
    """Visibility groups: groups that grant nothing, whose members see the
    records visible to them; deleting one makes the records it alone guarded
    visible to everyone."""

    _inherit = "res.groups"

    is_visibility_group = fields.Boolean(
        index=True,
        copy=True,
        help="A visibility group grants nothing: records visible to chosen "
        "groups are seen by the members of those groups only.",
    )
    visibility_record_count = fields.Integer(
        string="Records Guarded", compute="_compute_visibility_record_count"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not any(vals.get("is_visibility_group") for vals in vals_list):
            return super().create(vals_list)
        self._crm_check_can_manage_visibility_groups()
        category = self.env.ref(
            "crm_user_management.module_category_crm_visibility",
            raise_if_not_found=False,
        )
        for vals in vals_list:
            if vals.get("is_visibility_group") and not vals.get("category_id"):
                vals["category_id"] = category.id
        return super().create(vals_list)

    def write(self, vals):
        if not (
            vals.get("is_visibility_group") or any(self.mapped("is_visibility_group"))
        ):
            return super().write(vals)
        self._crm_check_can_manage_visibility_groups()
        if "is_visibility_group" in vals and not vals["is_visibility_group"]:
            guarding = self.filtered(lambda g: g.visibility_record_count)
            if guarding:
                raise UserError(
                    _(
                        "%(groups)s still guards records: delete it instead, "
                        "so that its records fall back.",
                        groups=", ".join(guarding.mapped("name")),
                    )
                )
        return super().write(vals)

    def unlink(self):
        if not crm_module_uninstalling(self.env):
            # our groups leave with the module, whose hook removed the compiled
            # rules: no fallback on records whose visibility is about to go
            self.filtered("is_visibility_group")._crm_visibility_fallback()
        return super().unlink()

    def _compute_visibility_record_count(self):
        counts = self._crm_visibility_record_counts()
        for group in self:
            group.visibility_record_count = counts.get(group.id, 0)

    def _crm_visibility_record_counts(self):
        """{group id: number of leads and partners visible to it}."""
        groups = self.filtered("is_visibility_group")
        if not groups.ids:
            return {}
        counts = {}
        for model in VISIBILITY_MODELS:
            records = self.env[model]
            field = records._fields["visibility_group_ids"]
            records.flush_model(["visibility_group_ids"])
            rows = self.env.execute_query(
                SQL(
                    "SELECT %s, count(*) FROM %s WHERE %s = ANY(%s) GROUP BY 1",
                    SQL.identifier(field.column2),
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column2),
                    groups.ids,
                )
            )
            for group_id, count in rows:
                counts[group_id] = counts.get(group_id, 0) + count
        return counts

    @api.constrains("is_visibility_group", "is_role", "implied_ids")
    def _check_visibility_group_grants_nothing(self):
        for group in self.filtered("is_visibility_group"):
            if group.is_role or group.implied_ids:
                raise ValidationError(
                    _(
                        "%(group)s is a visibility group: it cannot be a role "
                        "nor grant other groups.",
                        group=group.name,
                    )
                )

    def _crm_visibility_records_sql(self, model, alone):
        """Sub-select of the ids of ``model`` records visible to these groups
        and (``alone``) to no other group, or (not ``alone``) to another too."""
        field = self.env[model]._fields["visibility_group_ids"]
        return SQL(
            """SELECT DISTINCT r.%(rec)s AS id FROM %(rel)s r
                WHERE r.%(grp)s = ANY(%(ids)s)
                  AND %(exists)s (SELECT 1 FROM %(rel)s o
                                   WHERE o.%(rec)s = r.%(rec)s
                                     AND o.%(grp)s <> ALL(%(ids)s))""",
            rec=SQL.identifier(field.column1),
            rel=SQL.identifier(field.relation),
            grp=SQL.identifier(field.column2),
            ids=self.ids,
            exists=SQL("NOT EXISTS" if alone else "EXISTS"),
        )

    def _crm_visibility_fallback_counts(self):
        """What deleting these visibility groups does: ({model: number of
        records reverting to everyone}, number of records keeping other groups)."""
        reverting, keeping = {}, 0
        for model in VISIBILITY_MODELS:
            self.env[model].flush_model(["visibility", "visibility_group_ids"])
            reverting[model], kept = self.env.execute_query(
                SQL(
                    """SELECT (SELECT count(*) FROM (%s) a),
                              (SELECT count(*) FROM (%s) k)""",
                    self._crm_visibility_records_sql(model, alone=True),
                    self._crm_visibility_records_sql(model, alone=False),
                )
            )[0]
            keeping += kept
        return reverting, keeping

    def _crm_visibility_fallback(self):
        """Before these visibility groups go: records visible to them only
        revert to everyone; the others keep their other groups (seed 003).

        One UPDATE per model whatever the number of records; the link rows go
        with the groups (ON DELETE CASCADE).
        """
        if not self:
            return
        self._crm_check_can_manage_visibility_groups()
        reverted = {}
        for model in VISIBILITY_MODELS:
            self.env[model].flush_model(["visibility", "visibility_group_ids"])
            self.env.cr.execute(
                SQL(
                    """UPDATE %(table)s t SET visibility = 'everyone',
                              write_uid = %(uid)s,
                              write_date = now() AT TIME ZONE 'UTC'
                         FROM (%(alone)s) lone
                        WHERE lone.id = t.id AND t.visibility = 'groups'""",
                    table=SQL.identifier(self.env[model]._table),
                    uid=self.env.uid,
                    alone=self._crm_visibility_records_sql(model, alone=True),
                )
            )
            reverted[model] = self.env.cr.rowcount
            self.env[model].invalidate_model(
                ["visibility", "visibility_group_ids", "write_uid", "write_date"]
            )
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "visibility",
                    "group_id": False,
                    "description": self.env._("Visibility group deleted"),
                    "old_value": ", ".join(self.mapped("name")),
                    "new_value": self.env._(
                        "%(leads)s leads/deals and %(partners)s contacts/companies "
                        "reverted to everyone",
                        leads=reverted["crm.lead"],
                        partners=reverted["res.partner"],
                    ),
                }
            ]
        )

    def _crm_check_can_manage_visibility_groups(self):
        if self.env.su or self.env.user._crm_sees_everything():
            return
        raise AccessError(_("Only the Owner and Admins manage visibility groups."))

    def action_crm_delete_visibility_group(self):
        """Ask for confirmation, showing how many records revert to everyone."""
        self._crm_check_can_manage_visibility_groups()
        wizard = self.env["crm.visibility.group.delete.wizard"].create(
            {"group_ids": [Command.set(self.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Delete Visibility Group"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
