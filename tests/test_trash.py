# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ALL_SCOPES, CrmUserManagementCommon


@tagged("post_install", "-at_install", "crm_trash")
class TestTrash(CrmUserManagementCommon):
    """Seed 003: deletes can be undone for 14 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deleter_role = cls.make_role("Deleter", ALL_SCOPES)
        cls.keeper_role = cls.make_role(
            "Keeper",
            {(e, "view"): "all" for e in ("lead", "deal", "contact", "company")},
        )
        cls.ann = cls.make_role_user("cum_trash_ann", cls.deleter_role, name="Ann")
        cls.bob = cls.make_role_user("cum_trash_bob", cls.deleter_role, name="Bob")
        cls.kim = cls.make_role_user("cum_trash_kim", cls.keeper_role, name="Kim")
        admin_role = cls.env.ref("crm_user_management.role_admin")
        cls.becky = cls.make_role_user("cum_trash_becky", admin_role, name="Becky")
        cls.group = cls.make_visibility_group("Trash Group")

    def make_lead(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Trash me",
                "type": "opportunity",
                "user_id": self.ann.id,
                "visibility": "groups",
                "visibility_group_ids": [Command.set(self.group.ids)],
            }
        )
        lead.message_subscribe(partner_ids=self.bob.partner_id.ids)
        lead.message_post(body="History", message_type="comment")
        lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.ann.id)
        return lead

    def test_delete_moves_to_trash_and_restore_brings_back(self):
        lead = self.make_lead()
        before = {
            "visibility": lead.visibility,
            "groups": lead.visibility_group_ids,
            "followers": lead.message_partner_ids,
            "activities": lead.activity_ids,
            "messages": lead.message_ids,
            "stage": lead.stage_id,
        }
        lead.with_user(self.ann).unlink()
        # hidden from every search, read and report, also for its deleter
        for user in (self.ann, self.becky):
            Lead = self.env["crm.lead"].with_user(user)
            self.assertFalse(Lead.search([("id", "=", lead.id)]))
            self.assertEqual(Lead.search_count([("id", "=", lead.id)]), 0)
            self.assertEqual(
                Lead.read_group([("id", "=", lead.id)], ["id:count"], [])[0]["__count"],
                0,
            )
            self.assertFalse(Lead.name_search("Trash me", operator="="))
            with self.assertRaises(AccessError):
                lead.with_user(user).read(["name"])
            self.assertFalse(
                self.env["mail.activity"]
                .with_user(user)
                .search([("id", "in", before["activities"].ids)])
            )
        Sudo = self.env["crm.lead"]
        self.assertFalse(Sudo.search([("id", "=", lead.id)]), "sudo too")
        self.assertFalse(Sudo.search([("id", "in", [lead.id])]), "sudo, by ids")
        self.assertTrue(lead.exists(), "nothing is deleted yet")
        # listed in the trash: own deletions, or all for Owner/Admins
        Entry = self.env["crm.trash.entry"]
        entry = Entry.with_user(self.ann).search([("res_id", "=", lead.id)])
        self.assertEqual(entry.entity, "deal")
        self.assertEqual(entry.trash_user_id, self.ann)
        self.assertEqual(
            entry.purge_date, (entry.trash_date + timedelta(days=14)).date()
        )
        self.assertFalse(Entry.with_user(self.bob).search([("id", "=", entry.id)]))
        self.assertTrue(Entry.with_user(self.becky).search([("id", "=", entry.id)]))
        with self.assertRaises(AccessError):
            entry.with_user(self.bob).action_restore()
        # restore: exactly as it was
        entry.with_user(self.ann).action_restore()
        self.assertFalse(entry.exists())
        lead.invalidate_recordset()
        self.assertTrue(
            self.env["crm.lead"].with_user(self.ann).search([("id", "=", lead.id)])
        )
        self.assertEqual(
            {
                "visibility": lead.visibility,
                "groups": lead.visibility_group_ids,
                "followers": lead.message_partner_ids,
                "activities": lead.activity_ids,
                "messages": lead.message_ids,
                "stage": lead.stage_id,
            },
            before,
        )
        events = self.env["crm.audit.log"].search([("event", "=", "trash")])
        self.assertIn("Trash me", events[0].new_value)

    def test_contacts_and_companies(self):
        contact = self.env["res.partner"].create({"name": "Trashed Contact"})
        company = self.env["res.partner"].create(
            {"name": "Trashed Co", "is_company": True}
        )
        (contact | company).with_user(self.ann).unlink()
        entries = self.env["crm.trash.entry"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (contact | company).ids),
            ]
        )
        self.assertEqual(set(entries.mapped("entity")), {"contact", "company"})
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.kim)
            .search([("id", "in", (contact | company).ids)])
        )
        # partners of users are never trashed: Odoo's own delete refuses
        with self.assertRaisesText(ValidationError, "linked to an active user"):
            self.kim.partner_id.with_user(self.ann).unlink()
        self.assertFalse(self.kim.partner_id.crm_trash_date)
        self.assertFalse(
            self.env["crm.trash.entry"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", self.kim.partner_id.id),
                ]
            )
        )

    def test_delete_needs_the_right(self):
        lead = self.make_lead()
        with self.assertRaises(AccessError):
            lead.with_user(self.kim).unlink()
        self.assertFalse(lead.crm_trash_date)
        self.assertFalse(self.env["crm.trash.entry"].search([("res_id", "=", lead.id)]))

    def test_purge_after_retention(self):
        old, recent = self.make_lead(), self.make_lead()
        (old | recent).with_user(self.ann).unlink()
        entries = self.env["crm.trash.entry"].search(
            [("res_id", "in", (old | recent).ids)]
        )
        old_entry = entries.filtered(lambda e: e.res_id == old.id)
        old_entry.sudo().with_user(1).write(
            {"trash_date": fields.Datetime.now() - timedelta(days=15)}
        )
        self.env["crm.trash.entry"]._cron_purge_trash()
        self.assertFalse(old.exists(), "purged for good")
        self.assertFalse(old_entry.exists())
        self.assertTrue(recent.exists())
        log = self.env["crm.audit.log"].search([("event", "=", "trash")], limit=1)
        self.assertIn("crm.lead: 1", log.new_value)
        # the retention is configurable: at 30 days a 20-day-old entry stays
        self.env["ir.config_parameter"].set_param("crm_user_management.trash_days", 30)
        entry = entries - old_entry
        entry.sudo().with_user(1).write(
            {"trash_date": fields.Datetime.now() - timedelta(days=20)}
        )
        self.assertEqual(
            entry.purge_date, (entry.trash_date + timedelta(days=30)).date()
        )
        self.env["crm.trash.entry"]._cron_purge_trash()
        self.assertTrue(recent.exists() and entry.exists())

    def test_purge_keeps_what_cannot_go(self):
        """A record Odoo refuses to delete stays in the trash; the rest goes."""
        blocked, free = self.make_lead(), self.make_lead()
        (blocked | free).with_user(self.ann).unlink()
        # a user's partner may not be deleted: a trashed record that became one
        blocked_partner = self.env["res.partner"].create({"name": "Soon a user"})
        blocked_partner.with_user(self.ann).unlink()
        self.make_role_user("cum_trash_blocker").partner_id = blocked_partner
        entries = self.env["crm.trash.entry"].search([])
        entries.sudo().with_user(1).write(
            {"trash_date": fields.Datetime.now() - timedelta(days=15)}
        )
        self.env["crm.trash.entry"]._cron_purge_trash()
        self.assertFalse((blocked | free).exists())
        self.assertTrue(blocked_partner.exists())
        self.assertEqual(
            self.env["crm.trash.entry"].search([]).mapped("res_id"), blocked_partner.ids
        )
