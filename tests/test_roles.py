# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ALL_SCOPES, CrmUserManagementCommon

EXPECTED = {
    "none": set(),
    "own": {"own"},
    "team": {"own", "team"},
    "all": {"own", "team", "other"},
}
MODEL_OF = {
    "lead": "crm.lead",
    "deal": "crm.lead",
    "contact": "res.partner",
    "company": "res.partner",
}


@tagged("post_install", "-at_install", "crm_roles")
class TestRoleMatrix(CrmUserManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls.make_role_user("cum_colleague")
        cls.stranger = cls.make_role_user("cum_stranger")
        cls.team = cls.env["crm.team"].create({"name": "Matrix Team"})
        cls.other_team = cls.env["crm.team"].create({"name": "Other Team"})
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.team.id, "user_id": cls.colleague.id},
                {"crm_team_id": cls.other_team.id, "user_id": cls.stranger.id},
            ]
        )
        cls.default_role = cls.env.ref("crm_user_management.role_employee")
        cls.counter = 0

    def make_user(self, *roles):
        """A member of the matrix team holding ``roles``."""
        type(self).counter += 1
        user = self.make_role_user(f"cum_matrix_{self.counter}", *roles)
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team.id, "user_id": user.id}
        )
        return user

    def make_records(self, entity, user):
        """One record the user owns, one of their team, one of neither."""
        model = self.env[MODEL_OF[entity]]
        base, teams = {}, {"own": {}, "team": {}, "other": {}}
        if entity in ("lead", "deal"):
            base = {"type": "lead" if entity == "lead" else "opportunity"}
            teams = {
                "own": {"team_id": self.team.id},
                "team": {"team_id": self.team.id},
                "other": {"team_id": self.other_team.id},
            }
        elif entity == "company":
            base = {"is_company": True}
        owners = {"own": user, "team": self.colleague, "other": self.stranger}
        return {
            key: model.create(
                dict(base, name=key, user_id=owners[key].id, **teams[key])
            )
            for key in owners
        }

    def role_for(self, entity, action, scope):
        """A role granting ``scope`` for ``action`` on ``entity``, and what
        consistency requires around it (view all, edit for delete)."""
        scopes = {(entity, "view"): "all" if action != "view" else scope}
        if action == "delete":
            scopes[(entity, "edit")] = "all"
        # a role granting nothing at all is no CRM role (stock access applies)
        scopes[("activity", "view")] = "own"
        if action != "view":
            scopes[(entity, action)] = scope
        return self.make_role(f"{entity} {action} {scope}", scopes)

    def test_matrix_entity_action_scope(self):
        """For each entity x action x scope the ORM grants exactly the matrix."""
        self.env["ir.config_parameter"].set_param(
            "crm_user_management.contacts_public", "False"
        )
        for entity in MODEL_OF:
            for action in ("view", "create", "edit", "delete"):
                for scope in ("none", "own", "team", "all"):
                    with self.subTest(entity=entity, action=action, scope=scope):
                        self._check_cell(entity, action, scope)

    def _check_cell(self, entity, action, scope):
        role = self.role_for(entity, action, scope)
        user = self.make_user(role)
        records = self.make_records(entity, user)
        model = self.env[MODEL_OF[entity]].with_user(user)
        expected = EXPECTED[scope]
        if action == "view" and scope == "none" and not model.has_access("read"):
            # no access to the model at all: every search is refused
            with self.assertRaises(AccessError):
                model.search([("id", "in", [r.id for r in records.values()])])
            return
        if action == "view":
            all_ids = [r.id for r in records.values()]
            seen = model.search([("id", "in", all_ids)])
            self.assertEqual(
                {k for k, r in records.items() if r in seen}, expected, "search"
            )
            self.assertEqual(
                model.search_count([("id", "in", all_ids)]), len(expected), "count"
            )
            for key, record in records.items():
                if key in expected:
                    self.assertEqual(record.with_user(user).name, key)
                else:
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["name"])
            return
        for key, record in records.items():
            target = record.with_user(user)
            allowed = key in expected
            if action == "edit":
                if allowed:
                    target.write({"name": f"{key} edited"})
                else:
                    with self.assertRaises(AccessError):
                        target.write({"name": f"{key} edited"})
            elif action == "delete":
                if allowed:
                    target.unlink()
                    # a role holder's delete goes to the trash: gone for everyone
                    self.assertFalse(model.search([("id", "=", record.id)]))
                    self.assertTrue(record.crm_trash_date)
                else:
                    with self.assertRaises(AccessError):
                        target.unlink()
            else:  # create: a new record shaped like this one
                vals = {"name": f"new {key}", "user_id": record.user_id.id}
                if entity in ("lead", "deal"):
                    vals.update(type=record.type, team_id=record.team_id.id)
                if entity == "company":
                    vals["is_company"] = True
                if allowed:
                    self.assertTrue(model.create(vals))
                else:
                    with self.assertRaises(AccessError):
                        model.create(vals)

    def test_activity_scopes(self):
        # stock: others' activities need write access on the document
        role = self.make_role(
            "activities own",
            {
                ("lead", "view"): "all",
                ("lead", "edit"): "all",
                ("activity", "view"): "own",
            },
        )
        user = self.make_user(role)
        lead = self.env["crm.lead"].create({"name": "with activities", "type": "lead"})
        mine = lead.activity_schedule(user_id=user.id, summary="mine")
        theirs = lead.activity_schedule(user_id=self.stranger.id, summary="theirs")
        seen = (
            self.env["mail.activity"]
            .with_user(user)
            .search([("id", "in", (mine | theirs).ids)])
        )
        self.assertEqual(seen, mine)
        role.set_role_permission("activity", "view", "all")
        seen = (
            self.env["mail.activity"]
            .with_user(user)
            .search([("id", "in", (mine | theirs).ids)])
        )
        self.assertEqual(seen, mine | theirs, "the change applies at once")

    def test_contacts_visible_to_everyone(self):
        role = self.make_role("no contacts", {("lead", "view"): "own"})
        user = self.make_user(role)
        contact = self.env["res.partner"].create(
            {"name": "Someone's contact", "user_id": self.stranger.id}
        )
        partners = self.env["res.partner"].with_user(user)
        self.assertIn(contact, partners.search([("id", "=", contact.id)]))
        with self.assertRaises(AccessError):
            contact.with_user(user).write({"name": "changed"})
        rights = user.with_user(user).get_effective_permissions()
        for entity in ("contact", "company"):
            self.assertEqual(rights[entity]["view"], "all", "as the rules apply")
            self.assertEqual(rights[entity]["edit"], "none")
        employee = self.invite("employee@example.com")
        self.assertEqual(
            employee.get_effective_permissions()["contact"]["view"], "none"
        )
        self.env["res.config.settings"].create({"crm_contacts_public": False}).execute()
        self.assertFalse(partners.search([("id", "=", contact.id)]))
        rights = user.with_user(user).get_effective_permissions()
        self.assertEqual(rights["contact"]["view"], "none")
        # the partners of colleagues stay readable: chatter, assignment, ...
        self.assertEqual(
            self.stranger.partner_id.with_user(user).name, self.stranger.name
        )

    def test_union_of_two_roles(self):
        leads_only = self.make_role("leads only", {("lead", "view"): "all"})
        deals_only = self.make_role("deals only", {("deal", "view"): "all"})
        lead = self.env["crm.lead"].create({"name": "L", "type": "lead"})
        deal = self.env["crm.lead"].create({"name": "D", "type": "opportunity"})
        domain = [("id", "in", (lead | deal).ids)]
        user = self.make_user(leads_only)
        self.assertEqual(self.env["crm.lead"].with_user(user).search(domain), lead)
        both = self.make_user(leads_only, deals_only)
        self.assertEqual(
            self.env["crm.lead"].with_user(both).search(domain), lead | deal
        )
        self.assertEqual(both.get_effective_permissions()["deal"]["view"], "all")
        self.assertEqual(both.get_effective_permissions()["deal"]["edit"], "none")

    def test_consistency_refused(self):
        role = self.make_role("consistent", {("lead", "view"): "own"})
        with self.assertRaisesText(ValidationError, "editing cannot reach further"):
            role.set_role_permission("lead", "edit", "all")
        with self.assertRaisesText(ValidationError, "deleting cannot reach further"):
            role.set_role_permission("lead", "delete", "own")
        with self.assertRaisesText(ValidationError, "creating needs at least viewing"):
            role.set_role_permission("deal", "create", "own")
        with self.assertRaisesText(UserError, "Unknown permission"):
            role.set_role_permission("lead", "view", "everything")

    def test_allow_and_deny_everything(self):
        role = self.make_role("switch")
        role.action_allow_everything()
        user = self.make_user(role)
        self.assertTrue(
            all(
                scope == "all"
                for actions in user.get_effective_permissions().values()
                for scope in actions.values()
            )
        )
        self.assertTrue(user.get_effective_extras()["role_can_export"])
        role.action_deny_everything()
        self.assertTrue(
            all(
                scope == "none"
                for actions in user.get_effective_permissions().values()
                for scope in actions.values()
            )
        )

    def test_stock_groups_do_not_widen_a_role(self):
        closer_role = self.env.ref("crm_user_management.role_closer")
        closer = self.make_user(closer_role)
        # stock groups given on top of the role: their ACLs and rules are wider
        closer.write(
            {
                "groups_id": [
                    Command.link(self.env.ref("sales_team.group_sale_manager").id)
                ]
            }
        )
        self.assertTrue(closer.has_group("sales_team.group_sale_salesman_all_leads"))
        unassigned = self.env["crm.lead"].create({"name": "nobody's", "user_id": False})
        own = self.env["crm.lead"].create({"name": "mine", "user_id": closer.id})
        leads = self.env["crm.lead"].with_user(closer)
        self.assertEqual(leads.search([("id", "in", (unassigned | own).ids)]), own)
        self.assertEqual(
            leads.read_group(
                [("id", "in", (unassigned | own).ids)], ["name"], ["user_id"]
            )[0]["user_id_count"],
            1,
        )
        self.assertFalse(leads.name_search("nobody's"))
        with self.assertRaises(AccessError):
            own.with_user(closer).unlink()  # the stock manager ACL grants unlink

    def test_closer_and_setter_as_seed_000(self):
        closer = self.make_user(self.env.ref("crm_user_management.role_closer"))
        setter = self.make_user(self.env.ref("crm_user_management.role_setter"))
        lead = self.env["crm.lead"].create(
            {"name": "shared", "type": "lead", "user_id": closer.id}
        )
        other = self.env["crm.lead"].create(
            {"name": "other", "type": "lead", "user_id": self.stranger.id}
        )
        dupes = lead | other
        self.assertEqual(
            self.env["crm.lead"].with_user(closer).search([("id", "in", dupes.ids)]),
            lead,
        )
        self.assertEqual(
            self.env["crm.lead"].with_user(setter).search([("id", "in", dupes.ids)]),
            dupes,
        )
        for user in (closer, setter):
            with self.assertRaisesText(AccessError, "change the salesperson"):
                lead.with_user(user).write({"user_id": self.stranger.id})
            with self.assertRaisesText(AccessError, "merge leads"):
                dupes.with_user(user).merge_opportunity()
            with self.assertRaises(AccessError):
                lead.with_user(user).unlink()
            self.assertFalse(user.has_group("base.group_allow_export"))
            self.assertTrue(user.has_group("sales_team.group_sale_salesman"))
        manager = self.make_user(self.env.ref("crm_user_management.role_sales_manager"))
        lead.with_user(manager).write({"user_id": self.stranger.id})
        self.assertTrue(manager.has_group("base.group_allow_export"))
        with self.assertRaises(AccessError):
            lead.with_user(manager).unlink()

    def test_no_crm_role_no_crm_app(self):
        closer_role = self.env.ref("crm_user_management.role_closer")
        user = self.make_user(closer_role)
        self.assertTrue(user.has_group("sales_team.group_sale_salesman"))
        user.write({"groups_id": [Command.unlink(closer_role.id)]})
        self.assertEqual(user.crm_role_ids, self.default_role)
        self.assertFalse(user.has_group("sales_team.group_sale_salesman"))
        menu = self.env.ref("crm.crm_menu_root")
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )


@tagged("post_install", "-at_install", "crm_roles")
class TestRoleLifecycle(CrmUserManagementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.default_role = cls.env.ref("crm_user_management.role_employee")
        cls.closer_role = cls.env.ref("crm_user_management.role_closer")
        cls.owner = cls.env.ref("base.user_admin")

    def test_default_role_invariant(self):
        user = self.invite("fresh@example.com")
        self.assertEqual(
            user.crm_role_ids, self.default_role, "new users hold the default"
        )
        user.write({"groups_id": [Command.link(self.closer_role.id)]})
        user.write({"groups_id": [Command.unlink(self.closer_role.id)]})
        self.assertEqual(user.crm_role_ids, self.default_role, "last role -> default")
        with self.assertRaisesText(UserError, "cannot be removed from it"):
            user.write({"groups_id": [Command.unlink(self.default_role.id)]})
        with self.assertRaisesText(UserError, "cannot be removed from it"):
            self.default_role.write({"users": [Command.unlink(user.id)]})
        self.default_role.name = "Basic access"
        with self.assertRaisesText(
            UserError, "the role Basic access and cannot be removed"
        ):
            user.write({"groups_id": [Command.unlink(self.default_role.id)]})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            self.default_role.unlink()
        for xmlid in ("role_owner", "role_admin"):
            with self.assertRaisesText(UserError, "cannot be deleted"):
                self.env.ref(f"crm_user_management.{xmlid}").unlink()

    def test_new_users_hold_the_current_default_role(self):
        """The default role is part of the default groups, whichever it is."""
        Users = self.env["res.users"]
        defaults = Users.new(Users.default_get(["groups_id"])).groups_id._origin
        self.assertIn(self.default_role, defaults, "the user form starts with it")
        self.default_role.is_default_role = False
        self.closer_role.is_default_role = True
        user = self.invite("closer-by-default@example.com")
        self.assertEqual(user.crm_role_ids, self.closer_role)
        self.assertTrue(user.has_group("sales_team.group_sale_salesman"), "implied")
        Users.web_create_users(["web-created@example.com"])
        self.assertEqual(
            Users.search([("login", "=", "web-created@example.com")]).crm_role_ids,
            self.closer_role,
        )
        # explicit groups without a role: the default role is added after
        user = self.invite(
            "explicit@example.com",
            groups_id=[Command.set(self.env.ref("base.group_user").ids)],
        )
        self.assertEqual(user.crm_role_ids, self.closer_role)
        portal = self.invite(
            "portal@example.com",
            groups_id=[Command.set(self.env.ref("base.group_portal").ids)],
        )
        self.assertFalse(portal.crm_role_ids, "portal users hold no role")

    def test_batch_creation_keeps_groups_of_the_user_form(self):
        """Reified group fields (the user form's checkboxes) in a batch."""
        technical = self.env.ref("base.group_multi_currency")
        users = self.env["res.users"].create(
            [
                {
                    "name": name,
                    "login": f"{name}@example.com",
                    f"in_group_{technical.id}": True,
                }
                for name in ("reified1", "reified2")
            ]
            + [{"name": "plain", "login": "plain@example.com"}]
        )
        self.assertEqual(
            [technical in user.groups_id for user in users], [True, True, False]
        )
        self.assertEqual(users.crm_role_ids, self.default_role)

    def test_form_default_role_gives_way_to_a_ticked_role(self):
        """The user form starts with the default role ticked; ticking another
        role gives a user holding that role only."""
        Users = self.env["res.users"]
        ticked = {f"in_group_{self.default_role.id}": True}
        self.assertTrue(
            Users.default_get(list(ticked))[f"in_group_{self.default_role.id}"]
        )
        ticked[f"in_group_{self.closer_role.id}"] = True
        user = Users.create({"name": "Ticked", "login": "ticked@example.com", **ticked})
        self.assertEqual(user.crm_role_ids, self.closer_role)
        # a stock Sales group chosen on the form with the role stays
        manager = self.env.ref("sales_team.group_sale_manager")
        self.assertNotIn(manager, self.closer_role.trans_implied_ids)
        user = Users.create(
            {
                "name": "Ticked manager",
                "login": "ticked.manager@example.com",
                "groups_id": [
                    Command.set(
                        (Users._default_groups() | self.closer_role | manager).ids
                    )
                ],
            }
        )
        self.assertEqual(user.crm_role_ids, self.closer_role)
        self.assertIn(manager, user.groups_id)

    def test_inbox_notifications_follow_the_group(self):
        inbox = self.env.ref("mail.group_mail_notification_type_inbox")
        user = self.invite("inbox@example.com", notification_type="inbox")
        self.assertIn(inbox, user.groups_id)
        user.notification_type = "email"
        self.assertNotIn(inbox, user.groups_id)
        user.notification_type = "inbox"
        self.assertIn(inbox, user.groups_id)
        user.write({"groups_id": [Command.unlink(inbox.id)]})
        self.assertEqual(user.notification_type, "email")

    def test_assignment_records_when_and_who(self):
        user = self.invite("assigned@example.com")
        user.with_user(self.user_manager).write(
            {"groups_id": [Command.link(self.closer_role.id)]}
        )
        assignment = self.env["crm.role.assignment"].search(
            [("user_id", "=", user.id), ("group_id", "=", self.closer_role.id)]
        )
        self.assertEqual(assignment.assigned_by_id, self.user_manager)
        self.assertTrue(assignment.assigned_date)
        self.assertIn(assignment, self.closer_role.role_assignment_ids)

    def test_turning_a_group_into_a_role_and_back(self):
        """Assignments, roles and the audit log follow is_role both ways; a role
        with users cannot simply stop being one."""
        internal = self.env.ref("base.group_user")
        group = self.env["res.groups"].create(
            {"name": "Former team", "implied_ids": [Command.link(internal.id)]}
        )
        user = self.invite("member@example.com")
        user.write({"groups_id": [Command.link(group.id)]})
        Assignment = self.env["crm.role.assignment"]
        self.assertFalse(Assignment.search([("group_id", "=", group.id)]))
        group.is_role = True
        self.assertEqual(user.crm_role_ids, self.default_role | group)
        self.assertEqual(Assignment.search([("group_id", "=", group.id)]).user_id, user)
        self.assertIn(
            group.name,
            self.env["crm.audit.log"]
            .search([("user_id", "=", user.id)], limit=1, order="id desc")
            .new_value,
        )
        with self.assertRaisesText(UserError, "still has users"):
            group.is_role = False
        group.write({"users": [Command.unlink(user.id)]})
        group.is_role = False
        self.assertEqual(user.crm_role_ids, self.default_role)
        self.assertFalse(Assignment.search([("group_id", "=", group.id)]))

    def test_one_compilation_per_save(self):
        """Saving a role with several matrix rows and an extra right compiles
        the rules once, and the rules then match the saved matrix."""
        role = self.make_role("Saved at once")
        user = self.make_role_user("cum_saved_at_once", role)
        Rule = self.env["ir.rule"].with_context(active_test=False)
        last_id = Rule.search([], order="id desc", limit=1).id
        role.write(
            {
                "role_can_export": True,
                "role_permission_ids": [
                    Command.update(row.id, {"view_scope": "all"})
                    for row in role.role_permission_ids
                ],
            }
        )
        generated = Rule.search([("crm_generated", "=", True)])
        self.assertEqual(
            Rule.search([], order="id desc", limit=1).id - last_id,
            len(generated),
            "one set of compiled rules made",
        )
        self.assertEqual(generated, Rule.search([("id", ">", last_id)]))
        self.assertTrue(self.env["crm.lead"].with_user(user).has_access("read"))
        self.assertTrue(user.has_group("base.group_allow_export"))
        role.action_deny_everything()
        self.assertFalse(user.has_group("base.group_allow_export"))
        self.assertFalse(self.env["crm.lead"].with_user(user).has_access("read"))

    def test_compilation_blocks_leave_nothing_behind(self):
        """A block compiles once at its end, also when it fails, and leaves no
        state behind: neither in the context nor in the transaction."""
        role = self.make_role("Blocks", {("lead", "view"): "all"})
        user = self.make_role_user("cum_blocks", role)
        Lead = self.env["crm.lead"].with_user(user)
        self.assertTrue(Lead.has_access("read"))
        with role._crm_compiling_once() as held:
            role.set_role_permission("lead", "view", "none")
            # not compiled yet: the block compiles once, at its end
            self.assertTrue(Lead.has_access("read"))
        self.assertFalse(Lead.has_access("read"))
        self.assertEqual(held.env.context, role.env.context)
        self.assertFalse(
            [
                k
                for k in self.env.cr.precommit.data
                if k.startswith("crm_user_management.")
            ]
        )
        with self.assertRaises(ZeroDivisionError), role._crm_compiling_once():
            role.set_role_permission("lead", "view", "none")
            raise ZeroDivisionError
        # after a block that failed, changes compile at once
        role.set_role_permission("lead", "view", "all")
        self.assertTrue(Lead.has_access("read"))

    def test_archived_members_follow_the_role(self):
        """Stock groups implied by a role follow its matrix for archived
        members too (they come back with what the role gives then)."""
        role = self.make_role("Archived sync", {("lead", "view"): "all"})
        user = self.make_role_user("cum_archived_sync", role)
        salesman = self.env.ref("sales_team.group_sale_salesman")
        self.assertIn(salesman, user.groups_id)
        user.active = False
        role.set_role_permission("lead", "view", "none")
        self.assertNotIn(salesman, user.groups_id)

    def test_copy_role(self):
        user = self.invite("copy@example.com")
        user.write({"groups_id": [Command.link(self.closer_role.id)]})
        copy = self.closer_role.copy()
        self.assertEqual(copy.name, "Closer (Copy)")
        self.assertFalse(copy.users)
        self.assertTrue(copy.is_role)
        self.assertEqual(
            copy._crm_scopes(), self.closer_role._crm_scopes(), "same rights"
        )
        self.assertEqual(len(copy.rule_groups), len(self.closer_role.rule_groups))

    def test_no_second_owner_at_creation(self):
        owner_role = self.env.ref("crm_user_management.role_owner")
        with self.assertRaisesText(UserError, "exactly one Owner"):
            new_test_user(
                self.env,
                login="cum_second_owner",
                email="cum_second_owner@example.com",
                groups="base.group_user,crm_user_management.role_owner",
            )
        self.assertEqual(len(owner_role.users), 1)

    def test_search_by_role(self):
        closer_role = self.env.ref("crm_user_management.role_closer")
        user = self.make_role_user("cum_search_closer", closer_role)
        portal = new_test_user(
            self.env,
            login="cum_search_portal",
            email="cum_search_portal@example.com",
            groups="base.group_portal",
        )
        Users = self.env["res.users"]
        self.assertIn(user, Users.search([("crm_role_ids", "in", closer_role.ids)]))
        self.assertIn(user, Users.search([("crm_role_ids", "ilike", "Closer")]))
        self.assertNotIn(user, Users.search([("crm_role_ids", "ilike", "Setter")]))
        without = Users.search([("crm_role_ids", "=", False)])
        self.assertNotIn(user, without)
        self.assertIn(portal, without)
        # negative operators: no role of the user matches
        setter_role = self.env.ref("crm_user_management.role_setter")
        both = self.make_role_user("cum_search_both", closer_role, setter_role)
        for domain in (
            [("crm_role_ids", "not in", closer_role.ids)],
            [("crm_role_ids", "!=", closer_role.id)],
            [("crm_role_ids", "not ilike", "Closer")],
        ):
            found = Users.search(domain)
            self.assertNotIn(both, found, domain)
            self.assertNotIn(user, found, domain)
            self.assertIn(portal, found, domain)
        self.assertIn(both, Users.search([("crm_role_ids", "not ilike", "Admin")]))

    def test_owner_protections(self):
        admin_role = self.env.ref("crm_user_management.role_admin")
        admin_a = self.make_role_user("cum_admin_a", admin_role)
        admin_b = self.make_role_user("cum_admin_b", admin_role)
        (admin_a | admin_b).write({"lifecycle_state": "active"})
        with self.assertRaisesText(UserError, "The Owner cannot"):
            self.owner.with_user(admin_a).action_suspend()
        with self.assertRaisesText(UserError, "The Owner cannot"):
            self.owner.with_user(admin_a).action_archive()
        with self.assertRaisesText(UserError, "exactly one Owner"):
            self.owner.with_user(admin_a).write(
                {
                    "groups_id": [
                        Command.unlink(
                            self.env.ref("crm_user_management.role_owner").id
                        )
                    ]
                }
            )
        with self.assertRaisesText(UserError, "exactly one Owner"):
            admin_a.write(
                {
                    "groups_id": [
                        Command.link(self.env.ref("crm_user_management.role_owner").id)
                    ]
                }
            )
        with self.assertRaisesText(AccessError, "Only the Owner"):
            admin_b.with_user(admin_a).action_suspend()
        with self.assertRaisesText(AccessError, "Only the Owner"):
            admin_b.with_user(admin_a).action_archive()
        admin_b.with_user(self.owner).action_suspend()
        self.assertEqual(admin_b.lifecycle_state, "suspended")

    def test_reassign_wizard(self):
        # a role that grants something: its compiled rights and rules name it
        role = self.make_role("Temp", {("lead", "view"): "own"})
        users = self.invite("r1@example.com") | self.invite("r2@example.com")
        users.write({"groups_id": [Command.link(role.id)]})
        with self.assertRaisesText(UserError, "still has users"):
            role.unlink()
        action = role.action_crm_delete_role()
        wizard = self.env["crm.role.reassign.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.user_id, users)
        # never Owner, nor the deleted role, as a target
        owner_role = self.env.ref("crm_user_management.role_owner")
        self.assertNotIn(owner_role, wizard.allowed_target_ids)
        self.assertNotIn(role, wizard.allowed_target_ids)
        self.assertIn(self.closer_role, wizard.allowed_target_ids)
        wizard.target_role_id = owner_role
        with self.assertRaisesText(UserError, "never Owner"):
            wizard.action_confirm()
        wizard.target_role_id = False
        # all or nothing: one line without a target refuses the whole move
        wizard.line_ids[0].target_role_id = self.closer_role
        with self.assertRaisesText(UserError, "Choose a role for"):
            wizard.action_confirm()
        self.assertTrue(role.exists())
        self.assertEqual(role.users, users)
        wizard.target_role_id = self.env.ref("crm_user_management.role_setter")
        roles_action = self.env.ref("crm_user_management.res_groups_action_role")
        log = self.env["crm.audit.log"]
        start = log.search([], limit=1, order="id desc").id
        toast = wizard.action_confirm()
        self.assertIn("deleted", toast["params"]["message"])
        back = toast["params"]["next"]
        self.assertEqual(back["id"], roles_action.id)
        self.assertEqual(back["target"], "main", "no breadcrumb to the deleted role")
        self.assertFalse(role.exists())
        moves = log.search(
            [("id", ">", start), ("event", "=", "membership")], order="id"
        )
        self.assertEqual(moves.user_id, users, "one entry per user")
        self.assertEqual(len(moves), 2)
        first = moves.filtered(lambda m: m.user_id == users[0])
        self.assertIn("Temp", first.old_value)
        self.assertIn(self.closer_role.name, first.new_value)
        self.assertNotIn("Temp", first.new_value)
        self.assertIn(self.closer_role, users[0].crm_role_ids)
        self.assertIn(
            self.env.ref("crm_user_management.role_setter"), users[1].crm_role_ids
        )
        granting = self.make_role("Granting", ALL_SCOPES)
        self.assertEqual(
            granting.action_crm_delete_role()["params"]["next"]["id"], roles_action.id
        )
        self.assertFalse(granting.exists(), "no users: deleted after confirmation")

    def test_audit_log(self):
        log = self.env["crm.audit.log"]
        start = log.search([], limit=1).id or 0
        role = self.env["res.groups"].create({"name": "Audited", "is_role": True})
        role.set_role_permission("lead", "view", "own")
        user = self.invite("audited@example.com")
        user.write({"groups_id": [Command.link(role.id)]})
        user.write({"lifecycle_state": "active"})
        entries = log.search([("id", ">", start)])
        self.assertEqual(
            set(entries.mapped("event")), {"role", "rights", "membership", "lifecycle"}
        )
        rights = entries.filtered(lambda e: e.event == "rights")
        self.assertEqual(
            (rights.old_value, rights.new_value), ("view=none", "view=own")
        )
        # a membership given from the role's side: the user's roles before are
        # the ones they held
        start = log.search([], limit=1).id
        self.closer_role.write({"users": [Command.link(user.id)]})
        membership = log.search([("id", ">", start), ("event", "=", "membership")])
        self.assertEqual(set(membership.old_value.split(", ")), {"Audited", "Employee"})
        self.assertEqual(
            set(membership.new_value.split(", ")), {"Audited", "Closer", "Employee"}
        )
        with self.assertRaisesText(AccessError, "append-only"):
            entries[0].with_user(self.owner).sudo().write({"description": "forged"})
        with self.assertRaisesText(AccessError, "append-only"):
            entries[0].with_user(self.owner).sudo().unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.user_manager).create({"event": "role"})

    def test_invite_wizard_role_column(self):
        """A role on a line replaces the default role, not the default groups."""
        template_group = self.env["res.groups"].create({"name": "Template's"})
        self.give_new_users(template_group)
        # the default role allows export; the Closer role does not
        self.default_role.role_can_export = True
        self.closer_role.role_can_export = False
        wizard = self.env["crm.user.invite.wizard"].create(
            {
                "line_ids": [
                    Command.create(
                        {
                            "email": "with.role@example.com",
                            "role_id": self.closer_role.id,
                        }
                    ),
                    Command.create({"email": "no.role@example.com"}),
                ]
            }
        )
        wizard.action_send()
        users = self.env["res.users"].search(
            [("login", "in", ["with.role@example.com", "no.role@example.com"])],
            order="login desc",
        )
        self.assertEqual(users[0].crm_role_ids, self.closer_role)
        self.assertTrue(users[0].has_group("sales_team.group_sale_salesman"))
        self.assertEqual(users[1].crm_role_ids, self.default_role)
        for user in users:
            self.assertIn(template_group, user.groups_id)
        export = self.env.ref("base.group_allow_export")
        self.assertNotIn(export, users[0].groups_id, "not from the default role")
        self.assertIn(export, users[1].groups_id)

    def test_matrix_row_narrows_on_screen_and_says_so(self):
        """A blank scope is None; a scope wider than what it depends on is
        narrowed on screen, with a message, before any save."""
        row = self.env["crm.role.permission"].new(
            {
                "entity": "lead",
                "view_scope": "own",
                "create_scope": False,
                "edit_scope": "all",
                "delete_scope": "all",
            }
        )
        result = row._onchange_clamp_scopes()
        self.assertEqual(
            (row.view_scope, row.create_scope, row.edit_scope, row.delete_scope),
            ("own", "none", "own", "own"),
        )
        self.assertIn("Editing cannot reach further", result["warning"]["message"])
        self.assertIn("Deleting cannot reach further", result["warning"]["message"])
        row.view_scope = "none"
        row.create_scope = "own"
        result = row._onchange_clamp_scopes()
        self.assertEqual(row.create_scope, "none")
        self.assertIn("Creating needs", result["warning"]["message"])
        self.assertIsNone(row._onchange_clamp_scopes(), "consistent: nothing said")

    def test_default_role_shows_no_crm(self):
        """On screen too, the default role means what it says: no CRM app,
        no CRM menu, no Sales settings; a role that views deals shows CRM."""
        invited = self.invite("screen.default@example.com")
        self.assertEqual(
            invited.crm_role_ids, self.env["res.groups"]._crm_default_role()
        )
        menus = self.env["ir.ui.menu"].with_user(invited)._visible_menu_ids()
        self.assertNotIn(self.env.ref("crm.crm_menu_root").id, menus)
        self.assertFalse(invited.has_group("sales_team.group_sale_manager"))
        self.assertFalse(invited.has_group("sales_team.group_sale_salesman"))
        invited.set_roles(self.closer_role.ids)
        menus = self.env["ir.ui.menu"].with_user(invited)._visible_menu_ids()
        self.assertIn(self.env.ref("crm.crm_menu_root").id, menus)
        self.assertNotIn(self.env.ref("crm.crm_menu_config").id, menus)
