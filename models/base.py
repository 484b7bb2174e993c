# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL

from .crm_visibility_mixin import VISIBILITY_MODELS, masks_for, readable_sql


class Base(models.AbstractModel):
    """Sorting by a link to a lead or contact orders by the linked record's
    name, joined without record rules: records linked to one the user may not
    read come last, among themselves by id, whatever its name (no sorting
    against a name one chose tells what the hidden name is)."""

    _inherit = "base"

    def _crm_order_link(self, fname):
        """The stored many2one whose linked record decides how ``fname``
        sorts, if it links to a lead or contact; False otherwise."""
        field = self._fields.get(fname)
        if field and field.type == "many2one" and field.store:
            return fname if field.comodel_name in VISIBILITY_MODELS else False
        return False

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        sql = super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        link = self._crm_order_link(field_name.split(".", 1)[0])
        if not link or not sql or self.env.su or not masks_for(self.env):
            return sql
        link_sql = self._field_to_sql(alias, link, query)
        comodel = self._fields[link].comodel_name
        hidden = SQL(
            "(%s IS NOT NULL AND NOT %s)",
            link_sql,
            readable_sql(self.env, comodel, link_sql),
        )
        return SQL("%s, CASE WHEN %s THEN %s END, %s", hidden, hidden, link_sql, sql)
