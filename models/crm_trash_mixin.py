# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmTrashMixin(models.AbstractModel):
    """Deleted CRM records wait in the trash before they are really removed.

    A trashed record keeps every value, follower, activity and message; it is
    hidden from every search (this ``_search``, even under sudo) and from every
    read (the global rule ``CRM trash``). ``crm.trash.entry`` lists it and
    restores it; a daily cron purges it for good.
    """

    _name = "crm.trash.mixin"
    _description = "CRM Trash"

    crm_trash_date = fields.Datetime(
        string="Deleted On", readonly=True, copy=False, index="btree_not_null"
    )
    crm_trash_user_id = fields.Many2one(
        "res.users", string="Deleted By", readonly=True, copy=False
    )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Searches skip trashed records, under sudo too, the way they skip
        archived ones: ``active_test=False`` (which Odoo's own reads by id pass)
        or ``crm_with_trash`` lets them through. For users the global rule
        ``CRM trash`` hides them whatever the context."""
        context = self.env.context
        if (
            self.env.su
            and context.get("active_test", True)
            and not context.get("crm_with_trash")
        ):
            # users: the global rule already hides them (one condition, not two)
            domain = [("crm_trash_date", "=", False), *domain]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _crm_trashable(self):
        """The records that go to the trash instead of being deleted."""
        if self.env.su:
            return self.browse()
        if not self.env.user._crm_is_crm_role_holder():
            # users without a CRM role keep Odoo's own delete
            return self.browse()
        return self

    def _crm_send_to_trash(self):
        """Trash what role holders delete; return the records to delete for real
        (the models' ``unlink()`` passes them on to Odoo's)."""
        trashed = self._crm_trashable()
        if trashed:
            trashed._crm_move_to_trash()
        return self - trashed

    def _crm_move_to_trash(self):
        """Trash ``self`` if the user may delete it; the records stay intact."""
        self.check_access("unlink")
        # the model's own delete guards (@api.ondelete) refuse now what the
        # purge would refuse later
        for check in self._ondelete_methods:
            check(self)
        now = fields.Datetime.now()
        entity = self._crm_trash_entities()
        names = {record.id: record.display_name for record in self}
        # sudo: the user may delete these records (checked above); trashing only
        # stamps them, it changes nothing else
        self.sudo().write({"crm_trash_date": now, "crm_trash_user_id": self.env.uid})
        # sudo: users cannot create trash entries; these record the delete above
        self.env["crm.trash.entry"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": record.id,
                    "name": names[record.id],
                    "entity": entity[record.id],
                    "trash_user_id": self.env.uid,
                    "trash_date": now,
                }
                for record in self
            ]
        )
        return True

    def _crm_trash_entities(self):
        """{record id: matrix entity} of the records."""
        return {
            record.id: record._crm_visibility_entity(
                {name: record[name] for name in record._crm_entity_fields}
            )
            for record in self
        }
