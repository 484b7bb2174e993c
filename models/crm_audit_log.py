# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

_logger = logging.getLogger(__name__)

AUDIT_EVENTS = [
    ("role", "Roles"),
    ("rights", "Rights"),
    ("membership", "Role membership"),
    ("lifecycle", "Lifecycle"),
    ("visibility", "Visibility"),
    ("trash", "Trash"),
]

# "<id of the last entry>:<its hash>", updated at each append
PARAM_CHAIN_HEAD = "crm_user_management.audit_chain_head"
MODULE = "crm_user_management"
XMLID_CHAIN_HEAD = f"{MODULE}.audit_chain_head"
# the previous hash of the first entry
GENESIS_HASH = "0" * 64
# entries read per query when chaining or verifying
CHAIN_BATCH = 5000
CHAIN_COLUMNS = SQL(
    "id, create_date, author_id, event, user_id, group_id, description, "
    "old_value, new_value, hashed_refs, previous_hash, entry_hash"
)
# many2one column of the log -> table it references (ON DELETE SET NULL)
REF_TABLES = {
    "author_id": "res_users",
    "user_id": "res_users",
    "group_id": "res_groups",
}


def _format_refs(row):
    return ",".join(str(row[column] or "") for column in REF_TABLES)


def _parse_refs(text):
    """{column: id or None} from ``hashed_refs``, None if it is malformed."""
    parts = (text or "").split(",")
    if len(parts) != len(REF_TABLES) or not all(p.isdigit() for p in parts if p):
        return None
    return {
        column: int(part) if part else None
        for column, part in zip(REF_TABLES, parts, strict=True)
    }


def _parse_head(value):
    """(last id, last hash) from the head parameter, None if it is malformed."""
    last_id, _sep, last_hash = (value or "").partition(":")
    if not last_id.isdigit() or len(last_hash) != len(GENESIS_HASH):
        return None
    return int(last_id), last_hash


def _entry_hash(previous_hash, row, refs):
    """sha256 over the previous hash and the entry's canonical serialization."""
    create_date = row["create_date"]
    payload = json.dumps(
        [
            row["id"],
            create_date.isoformat(sep=" ") if create_date else None,
            refs["author_id"],
            row["event"],
            refs["user_id"],
            refs["group_id"],
            row["description"],
            row["old_value"],
            row["new_value"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((previous_hash + payload).encode()).hexdigest()


class CrmAuditLog(models.Model):
    """Append-only log of changes to roles, rights, memberships and lifecycles.

    Tamper-evident: each entry's hash covers the previous entry's hash, and
    the head parameter names the last entry, so an entry edited or deleted
    behind the ORM's back shows in :meth:`verify_integrity`.
    """

    _name = "crm.audit.log"
    _description = "CRM User Management Audit Log"
    _order = "id desc"
    _log_access = True

    author_id = fields.Many2one(
        "res.users", string="Changed By", readonly=True, index=True
    )
    event = fields.Selection(AUDIT_EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", readonly=True, index=True)
    group_id = fields.Many2one("res.groups", string="Role / Group", readonly=True)
    description = fields.Char(readonly=True)
    old_value = fields.Char(string="Old", readonly=True)
    new_value = fields.Char(string="New", readonly=True)
    # the ids hashed: deleting a user or group nulls the column, not these
    hashed_refs = fields.Char(string="Hashed References", readonly=True, copy=False)
    previous_hash = fields.Char(readonly=True, copy=False)
    entry_hash = fields.Char(readonly=True, copy=False)

    @api.model
    def _crm_log(self, entries):
        """Append ``entries`` (dicts of field values); the author is the caller."""
        if not entries:
            return self.browse()
        author = self.env.user.id
        # sudo: only this method writes the log; no user has create access on it
        return self.sudo().create([dict(entry, author_id=author) for entry in entries])

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        if self._crm_module_state() != "to remove":
            entries._crm_chain()
        # else the entries go with the table: no head to leave behind
        return entries

    def write(self, vals):
        self._crm_check_superuser()
        return super().write(vals)

    def unlink(self):
        self._crm_check_superuser()
        return super().unlink()

    def _crm_check_superuser(self):
        # sudo() is not enough: only the superuser account itself may alter entries
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("The audit log is append-only."))

    # ------------------------------------------------------------------
    # Hash chain
    # ------------------------------------------------------------------
    @api.model
    def _crm_module_state(self):
        """This module's state; "installed" without a query once the registry
        is ready, unless an uninstall is removing records."""
        if not self.env.context.get(MODULE_UNINSTALL_FLAG) and self.env.registry.ready:
            return "installed"
        # sudo: reading the state of the module
        module = self.env["ir.module.module"].sudo().search([("name", "=", MODULE)])
        return module.state

    def _crm_chain(self):
        """Append the new entries ``self`` to the chain, in id order."""
        if not self:
            return
        _head_id, previous_hash = self._crm_lock_chain_head()
        self.flush_recordset()
        rows = self.env.execute_query_dict(
            SQL(
                "SELECT %s FROM crm_audit_log WHERE id = ANY(%s) ORDER BY id",
                CHAIN_COLUMNS,
                self.ids,
            )
        )
        self._crm_store_chain(rows, previous_hash)

    @api.model
    def _crm_lock_chain_head(self):
        """Lock the chain head and return it as ``(last id, last hash)``.

        Like ``res.users._crm_lock_seats``: in REPEATABLE READ, updating the
        head's row makes a concurrent append wait, then fail with a
        serialization error that Odoo retries, so the chain never forks. A
        missing or malformed head is made again from the last hashed entry.
        """
        rows = self.env.execute_query(
            SQL(
                "UPDATE ir_config_parameter SET value = value WHERE key = %s "
                "RETURNING value",
                PARAM_CHAIN_HEAD,
            )
        )
        head = rows and _parse_head(rows[0][0])
        if head:
            return head
        last = self.env.execute_query(
            SQL(
                "SELECT id, entry_hash FROM crm_audit_log "
                "WHERE entry_hash IS NOT NULL ORDER BY id DESC LIMIT 1"
            )
        )
        head = last[0] if last else (0, GENESIS_HASH)
        if last:
            _logger.warning(
                "Audit log chain head %s missing or malformed: rebuilt at entry %s",
                PARAM_CHAIN_HEAD,
                head[0],
            )
        value = f"{head[0]}:{head[1]}"
        if rows:
            self._crm_write_chain_head(value)
        else:
            self._crm_insert_chain_head(value)
        return head

    def _crm_insert_chain_head(self, value):
        """Create the chain head's parameter, as Odoo's own record."""
        # DO NOTHING: in REPEATABLE READ, a concurrent insert is a
        # serialization error (retried), not a unique violation
        inserted = self.env.execute_query(
            SQL(
                """INSERT INTO ir_config_parameter
                          (key, value, create_uid, create_date, write_uid, write_date)
                   VALUES (%(key)s, %(value)s, %(uid)s, now() AT TIME ZONE 'UTC',
                           %(uid)s, now() AT TIME ZONE 'UTC')
                   ON CONFLICT (key) DO NOTHING
                   RETURNING id""",
                key=PARAM_CHAIN_HEAD,
                value=value,
                uid=self.env.uid,
            )
        )
        if inserted:
            self._crm_own_chain_head()

    @api.model
    def _crm_own_chain_head(self):
        """Give the head an XML id of the module: uninstalling removes it with
        the log, so a later install does not start from a stale head."""
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": XMLID_CHAIN_HEAD,
                    "record": self.env["ir.config_parameter"].search(
                        [("key", "=", PARAM_CHAIN_HEAD)]
                    ),
                    "noupdate": True,
                }
            ]
        )

    def _crm_write_chain_head(self, value):
        # read with SQL only: get_param's cache may keep an older value
        self.env.cr.execute(
            SQL(
                "UPDATE ir_config_parameter SET value = %s WHERE key = %s",
                value,
                PARAM_CHAIN_HEAD,
            )
        )
        self.env["ir.config_parameter"].invalidate_model(["value"])

    @api.model
    def _crm_store_chain(self, rows, previous_hash):
        """Hash ``rows`` (dicts of CHAIN_COLUMNS, in id order) after
        ``previous_hash``, store the hashes and move the head to the last."""
        if not rows:
            return previous_hash
        ids, previous_hashes, entry_hashes, refs_list = [], [], [], []
        for row in rows:
            refs_text = _format_refs(row)
            entry_hash = _entry_hash(previous_hash, row, _parse_refs(refs_text))
            ids.append(row["id"])
            previous_hashes.append(previous_hash)
            entry_hashes.append(entry_hash)
            refs_list.append(refs_text)
            previous_hash = entry_hash
        # SQL: write() refuses everyone but the superuser, and these are not
        # content but the seal over it
        self.env.cr.execute(
            SQL(
                """UPDATE crm_audit_log log
                      SET previous_hash = v.previous_hash,
                          entry_hash = v.entry_hash,
                          hashed_refs = v.hashed_refs
                     FROM unnest(%s::int[], %s::varchar[], %s::varchar[],
                                 %s::varchar[])
                          AS v(id, previous_hash, entry_hash, hashed_refs)
                    WHERE log.id = v.id""",
                ids,
                previous_hashes,
                entry_hashes,
                refs_list,
            )
        )
        self.invalidate_model(["previous_hash", "entry_hash", "hashed_refs"])
        self._crm_write_chain_head(f"{ids[-1]}:{previous_hash}")
        return previous_hash

    @api.model
    def _crm_chain_unhashed(self):
        """Chain, in id order, the entries of a database upgraded from before
        the hashes. Only while the chain is empty: later unhashed entries
        were added behind the log's back and stay reported. Idempotent."""
        head_id, previous_hash = self._crm_lock_chain_head()
        self._crm_own_chain_head()
        if head_id and self._crm_module_state() == "to install":
            # the table is new: the head is one an uninstall left behind
            head_id, previous_hash = 0, GENESIS_HASH
            self._crm_write_chain_head(f"{head_id}:{previous_hash}")
        if head_id:
            return
        last_id = 0
        while rows := self.env.execute_query_dict(
            SQL(
                "SELECT %s FROM crm_audit_log WHERE entry_hash IS NULL AND id > %s "
                "ORDER BY id LIMIT %s",
                CHAIN_COLUMNS,
                last_id,
                CHAIN_BATCH,
            )
        ):
            previous_hash = self._crm_store_chain(rows, previous_hash)
            last_id = rows[-1]["id"]
