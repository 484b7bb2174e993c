# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CrmUserManagementCommon


@tagged("post_install", "-at_install")
class TestTrash(CrmUserManagementCommon):
    """Seed 003: deletes can be undone for 14 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scopes = {
            (entity, action): "all"
            for entity in ("lead", "deal", "contact", "company", "activity")
            for action in ("view", "create", "edit", "delete")
        }
        cls.deleter_role = cls.make_role(cls, "Deleter", scopes)
        cls.keeper_role = cls.make_role(
            cls,
            "Keeper",
            {(e, "view"): "all" for e in ("lead", "deal", "contact", "company")},
        )
        cls.ann = cls._user(cls, "ann", cls.deleter_role)
        cls.bob = cls._user(cls, "bob", cls.deleter_role)
        cls.kim = cls._user(cls, "kim", cls.keeper_role)
        cls.becky = cls._user(
            cls, "becky", cls.env.ref("crm_user_management.role_admin")
        )
        cls.group = cls.env["res.groups"].create(
            {"name": "Trash Group", "is_visibility_group": True}
        )

    def _user(self, name, role):
        user = new_test_user(
            self.env,
            login=f"cum_trash_{name}",
            email=f"cum_trash_{name}@example.com",
            name=name.capitalize(),
        )
        user.write({"groups_id": [Command.link(role.id)]})
        return user

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
        self.assertFalse(
            self.env["crm.lead"].search([("id", "=", lead.id)]), "sudo too"
        )
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
        # partners of users are never trashed: Odoo's own delete applies
        with self.assertRaises(Exception):  # noqa: B017 - stock refuses in its own words
            self.kim.partner_id.with_user(self.ann).unlink()

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
        # the retention is configurable
        self.env["ir.config_parameter"].set_param("crm_user_management.trash_days", 30)
        entry = entries - old_entry
        self.assertEqual(
            entry.purge_date, (entry.trash_date + timedelta(days=30)).date()
        )

    def test_removing_a_user_keeps_their_records(self):
        lead = self.make_lead()
        self.ann.with_user(self.becky).action_archive()
        self.assertTrue(lead.exists())
        self.assertFalse(lead.crm_trash_date)
        self.assertEqual(lead.user_id, self.ann)
