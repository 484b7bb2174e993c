# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import RedirectWarning, UserError

from .crm_visibility_mixin import VISIBILITY_MODELS

_logger = logging.getLogger(__name__)
PARAM_TRASH_DAYS = "crm_user_management.trash_days"


class CrmTrashEntry(models.Model):
    """One deleted lead, deal, contact or company, restorable until purged."""

    _name = "crm.trash.entry"
    _description = "CRM Trash"
    _order = "trash_date desc, id desc"

    res_model = fields.Selection(
        [("crm.lead", "Lead / Deal"), ("res.partner", "Contact / Company")],
        string="Kind",
        required=True,
        readonly=True,
    )
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", required=True, readonly=True
    )
    name = fields.Char(readonly=True)
    entity = fields.Selection(
        [
            ("lead", "Leads"),
            ("deal", "Deals"),
            ("contact", "Contacts"),
            ("company", "Companies"),
        ],
        readonly=True,
    )
    trash_user_id = fields.Many2one(
        "res.users", string="Deleted By", readonly=True, index=True
    )
    trash_date = fields.Datetime(string="Deleted On", readonly=True, index=True)
    purge_date = fields.Date(
        string="Deleted for Good On", compute="_compute_purge_date"
    )

    _sql_constraints = (
        ("record_unique", "UNIQUE(res_model, res_id)", "A record is trashed once."),
    )

    @api.model
    def _crm_trash_days(self):
        # sudo: a retention period from Settings, the same for every user
        days = self.env["ir.config_parameter"].sudo().get_param(PARAM_TRASH_DAYS, 14)
        try:
            return max(int(days), 1)
        except ValueError:
            return 14

    @api.depends("trash_date")
    def _compute_purge_date(self):
        days = self._crm_trash_days()
        for entry in self:
            entry.purge_date = (
                entry.trash_date and (entry.trash_date + timedelta(days=days)).date()
            )

    def _crm_records(self):
        """{model: records} of the entries, trashed records included."""
        return {
            model: self.env[model]
            .with_context(active_test=False)
            .browse(self.filtered(lambda e, m=model: e.res_model == m).mapped("res_id"))
            .exists()
            for model in VISIBILITY_MODELS
        }

    def action_restore(self):
        """Bring the records back exactly as they were."""
        # the rules of crm.trash.entry: one's own deletions, or all for the
        # Owner and Admins
        self.check_access("read")
        if not self:
            raise UserError(_("Choose the records to restore."))
        names = ", ".join(self.mapped("name"))
        for records in self._crm_records().values():
            # sudo: the entries are the caller's own deletions, or the caller
            # is the Owner or an Admin (rules of crm.trash.entry, checked above)
            records.sudo().write({"crm_trash_date": False, "crm_trash_user_id": False})
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "trash",
                    "description": _("Restored from the trash"),
                    "new_value": names[:500],
                }
            ]
        )
        # sudo: entries are removed by the restore only (users cannot unlink them)
        self.sudo().unlink()
        return self.env["res.users"]._crm_notify(
            _("Restored from the trash: %(names)s.", names=names[:200])
        )

    @api.model
    def _cron_purge_trash(self):
        """Delete for good what has waited in the trash longer than allowed.

        Each model's records go in one ``unlink()``; if Odoo refuses that (a
        record still referenced where it may not be deleted), record by
        record: those that cannot go stay in the trash, logged.
        """
        limit = fields.Datetime.now() - timedelta(days=self._crm_trash_days())
        # sudo: the cron purges every user's deletions
        entries = self.sudo().search([("trash_date", "<", limit)])
        if not entries:
            return True
        removed, kept_ids = [], set()
        for model, records in entries._crm_records().items():
            names = dict(zip(records.ids, records.mapped("display_name"), strict=True))
            failed = self._crm_unlink_records(records)
            kept_ids |= {(model, res_id) for res_id in failed}
            gone = [name for res_id, name in names.items() if res_id not in failed]
            removed.append(f"{model}: {len(gone)} ({', '.join(gone)[:400]})")
            _logger.info("CRM trash: purged %s %s records: %s", len(gone), model, gone)
        self.env["crm.audit.log"]._crm_log(
            [
                {
                    "event": "trash",
                    "description": _("Purged from the trash"),
                    "new_value": "; ".join(removed)[:1000],
                }
            ]
        )
        entries.filtered(lambda e: (e.res_model, e.res_id) not in kept_ids).unlink()
        return True

    @api.model
    def _crm_unlink_records(self, records):
        """Unlink ``records`` (sudo, trashed); return the ids that could not go."""
        try:
            with self.env.cr.savepoint():
                records.unlink()
            return set()
        except (UserError, RedirectWarning, psycopg2.IntegrityError):
            failed = set()
            for record in records:
                try:
                    with self.env.cr.savepoint():
                        record.unlink()
                except (UserError, RedirectWarning, psycopg2.IntegrityError) as error:
                    _logger.warning(
                        "CRM trash: %s stays in the trash: %s", record, error
                    )
                    failed.add(record.id)
            return failed
