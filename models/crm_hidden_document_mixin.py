# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from .crm_visibility_mixin import VISIBILITY_MODELS, names_masked, readable_sql

# the operations that need access to the document of the record ("create"
# also checks existing messages: reactions, replies)
DOCUMENT_OPERATIONS = ("read", "create", "write", "unlink")


class CrmHiddenDocumentMixin(models.AbstractModel):
    """For records attached to a document by model name and id (messages,
    activities, followers, notifications): those of a lead or partner the
    user cannot read (hidden by its visibility, or in the trash) are hidden
    too, and cannot be changed or deleted.

    Mail lets users read the messages they were notified of, the activities
    assigned to them, every follower and every notification, whatever the
    document; this closes those ways in.
    """

    _name = "crm.hidden.document.mixin"
    _description = "Hidden with their CRM Document"
    # the fields holding the document's model name and id (stored, or related
    # to stored fields: the search joins them)
    _crm_document_fields = ("res_model", "res_id")

    @api.model
    def _crm_hidden_documents(self, pairs):
        """Of ``pairs`` (model, res_id), those the user cannot read."""
        by_model = defaultdict(set)
        for model, res_id in pairs:
            if model in VISIBILITY_MODELS and res_id:
                by_model[model].add(res_id)
        hidden = set()
        for model, ids in by_model.items():
            readable = set(self.env[model].browse(ids)._filtered_access("read")._ids)
            hidden |= {(model, res_id) for res_id in ids - readable}
        return hidden

    def _crm_documents(self):
        """{record id: (model, res_id)} of the records' documents."""
        model_field, id_field = self._crm_document_fields
        # sudo: reading the document reference of the records to check it
        return {r.id: (r[model_field], r[id_field]) for r in self.sudo()}

    def _crm_hidden_from_real_user(self):
        """The records whose document the user cannot read, when named under
        sudo on their behalf (see crm.visibility.mixin
        ``_crm_names_hidden_from_user``)."""
        if not self.env.su:
            return self.browse()
        documents = {
            record_id: document
            for record_id, document in self.filtered("id")._crm_documents().items()
            if document[0] in VISIBILITY_MODELS
        }
        if not documents or not names_masked(self.env):
            return self.browse()
        hidden = self.sudo(False)._crm_hidden_documents(documents.values())
        return self.filtered(lambda r: documents.get(r.id) in hidden)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # the condition is part of the query, before its LIMIT: a page of
        # messages or activities is full (mail.message's own filter of what a
        # user was notified of runs on this query, after it)
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if self.env.is_superuser() or query.is_empty():
            return query
        model_sql, id_sql = (
            self._field_to_sql(self._table, fname, query)
            for fname in self._crm_document_fields
        )
        for model_name in VISIBILITY_MODELS:
            query.add_where(
                self._crm_document_readable_sql(model_name, model_sql, id_sql)
            )
        return query

    @api.model
    def _crm_document_readable_sql(self, model_name, model_sql, id_sql):
        """SQL: the document (``model_sql``, ``id_sql``) is no record of
        ``model_name``, or one the user can read, by the same record rules
        as a read."""
        return SQL(
            "(%s IS DISTINCT FROM %s OR COALESCE(%s, 0) = 0 OR %s)",
            model_sql,
            model_name,
            id_sql,
            readable_sql(self.env, model_name, id_sql),
        )

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation not in DOCUMENT_OPERATIONS or self.env.is_superuser() or not self:
            return result
        allowed = self - result[0] if result else self
        documents = allowed._crm_documents()
        hidden = self._crm_hidden_documents(documents.values())
        forbidden = allowed.filtered(lambda r: documents[r.id] in hidden)
        if not forbidden:
            return result
        if result:
            return result[0] + forbidden, result[1]
        return forbidden, lambda: self.env["ir.rule"]._make_access_error(
            operation, forbidden
        )
