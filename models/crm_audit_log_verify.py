# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, models
from odoo.tools import SQL
from odoo.tools.misc import formatLang

from .crm_audit_log import (
    CHAIN_BATCH,
    CHAIN_COLUMNS,
    GENESIS_HASH,
    PARAM_CHAIN_HEAD,
    REF_TABLES,
    _entry_hash,
    _parse_head,
    _parse_refs,
)


class CrmAuditLog(models.Model):
    """Verifying the audit log's hash chain."""

    _inherit = "crm.audit.log"

    @api.model
    def verify_integrity(self):
        """Recompute the hash chain of the whole log (Owner and Admins).

        :return: dict with ``ok``, ``checked`` (entries read, the broken one
            included) and ``first_broken_id``: False, or the id of the first
            entry whose hashes do not match (changed, or an entry before it
            deleted); when the last entries were deleted, the id of the last
            one, as the head names it.
        """
        result = self._crm_verify_chain()
        result.pop("reason")
        return result

    @api.model
    def _crm_verify_chain(self):
        """:meth:`verify_integrity`, plus ``reason``: False, ``changed``
        (an entry), ``head`` (the head does not match the last entries) or
        ``truncated`` (the last entries were deleted)."""
        self.browse().check_access("read")
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                "SELECT value FROM ir_config_parameter WHERE key = %s", PARAM_CHAIN_HEAD
            )
        )
        head = rows and _parse_head(rows[0][0])
        previous_hash, last_id, checked = GENESIS_HASH, 0, 0

        def broken(entry_id, reason):
            return {
                "ok": False,
                "first_broken_id": entry_id,
                "checked": checked,
                "reason": reason,
            }

        while rows := self.env.execute_query_dict(
            SQL(
                "SELECT %s FROM crm_audit_log WHERE id > %s ORDER BY id LIMIT %s",
                CHAIN_COLUMNS,
                last_id,
                CHAIN_BATCH,
            )
        ):
            deleted = self._crm_deleted_refs(rows)
            for row in rows:
                checked += 1
                entry_hash = self._crm_check_entry(row, previous_hash, deleted)
                if not entry_hash:
                    return broken(row["id"], "changed")
                if head and row["id"] > head[0]:
                    # not appended through the log (or the head was set back)
                    return broken(row["id"], "head")
                previous_hash, last_id = entry_hash, row["id"]
        reason, entry_id = self._crm_check_head(head, last_id, previous_hash)
        if reason:
            return broken(entry_id, reason)
        return {
            "ok": True,
            "first_broken_id": False,
            "checked": checked,
            "reason": False,
        }

    @api.model
    def _crm_check_head(self, head, last_id, last_hash):
        """(reason, entry id) of a head that does not match the last entry
        checked, or (False, False)."""
        if not head:
            return ("head", last_id) if last_id else (False, False)
        if head[0] > last_id:
            return "truncated", head[0]
        if head[1] != last_hash:
            return "head", last_id
        return False, False

    @api.model
    def _crm_check_entry(self, row, previous_hash, deleted):
        """The entry's hash if ``row`` follows ``previous_hash`` untouched, else
        None. ``deleted``: {table: ids referenced but gone}."""
        refs = _parse_refs(row["hashed_refs"])
        if refs is None or row["previous_hash"] != previous_hash:
            return None
        for column, table in REF_TABLES.items():
            # a deleted user or group sets the column to NULL, nothing else may
            if row[column] != refs[column] and not (
                row[column] is None and refs[column] in deleted[table]
            ):
                return None
        entry_hash = _entry_hash(previous_hash, row, refs)
        return entry_hash if row["entry_hash"] == entry_hash else None

    @api.model
    def _crm_deleted_refs(self, rows):
        """{table: ids that ``rows`` hashed, no longer set, and no longer exist}."""
        wanted = {table: set() for table in REF_TABLES.values()}
        for row in rows:
            refs = _parse_refs(row["hashed_refs"]) or {}
            for column, table in REF_TABLES.items():
                if row[column] is None and refs.get(column):
                    wanted[table].add(refs[column])
        deleted = {}
        for table, ids in wanted.items():
            existing = ids and self.env.execute_query(
                SQL(
                    "SELECT id FROM %s WHERE id = ANY(%s)",
                    SQL.identifier(table),
                    list(ids),
                )
            )
            deleted[table] = ids - {entry_id for (entry_id,) in existing or ()}
        return deleted

    def action_verify_integrity(self):
        """Verify the log and show the result as a notification."""
        result = self._crm_verify_chain()
        count = formatLang(self.env, result["checked"], digits=0)
        entry_id = result["first_broken_id"]
        if result["ok"]:
            message = _("%(count)s entries checked, chain intact.", count=count)
        elif result["reason"] == "truncated":
            message = _(
                "Entry #%(id)s, the last one, was deleted, maybe with entries "
                "before it (%(count)s entries checked).",
                id=entry_id,
                count=count,
            )
        elif result["reason"] == "head":
            message = _(
                "Entry #%(id)s does not match the chain head: it was added or "
                "changed behind the log's back, or the head (system parameter "
                "%(key)s) was changed (%(count)s entries checked).",
                id=entry_id,
                key=PARAM_CHAIN_HEAD,
                count=count,
            )
        else:
            message = _(
                "Entry #%(id)s was changed or an entry before it was deleted "
                "(%(count)s entries checked).",
                id=entry_id,
                count=count,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Audit log integrity"),
                "message": message,
                "type": "success" if result["ok"] else "danger",
                "sticky": not result["ok"],
            },
        }
