# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explaining access at scale, in a database with 1,000 more internal users
(spread over the predefined roles, some without a CRM role, some tailored:
adjusted or without CRM access), asked by the
Owner: ``crm_access_list()`` of one deal (target: under 1 s) and
``crm_access_report()`` (target: under 5 s). Everything runs in one
transaction that is rolled back.

    python bench/explain.py -c <odoo.conf> -d <db> [--users N] [--repeat 3]
"""

from _common import bench_setup, timed

from odoo import SUPERUSER_ID, Command, api

ROLES = ("closer", "setter", "sales_manager", "admin")


def add_arguments(parser):
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tailored", type=int, default=100)


def main():
    args, registry = bench_setup(__doc__, add_arguments)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True})
        env["ir.config_parameter"].set_param("crm_user_management.seat_limit", 0)
        roles = [env.ref(f"crm_user_management.role_{name}") for name in ROLES]
        salesman = env.ref("sales_team.group_sale_salesman")
        users = env["res.users"].create(
            [
                {
                    "name": f"Bench explain {i}",
                    "login": f"bench-explain-{i}@example.com",
                    # one user in ten holds no CRM role: stock groups decide
                    "groups_id": [
                        Command.link(salesman.id if i % 10 == 0 else roles[i % 4].id)
                    ],
                }
                for i in range(args.users)
            ]
        )
        # tailored users, in one call each: adjusted closers, and users
        # without CRM access
        closers = users.filtered(lambda u: roles[0] in u.groups_id)
        adjusted = closers[: args.tailored // 2]
        env["crm.personal.permission"].create(
            [
                {
                    "user_id": u.id,
                    "entity": "activity",
                    "action": "delete",
                    "scope": "none",
                }
                for u in adjusted
            ]
        )
        (closers - adjusted)[: args.tailored - len(adjusted)].crm_access = False
        tailored = env["res.users"].search_count(
            ["|", ("crm_customised", "=", True), ("crm_access", "=", False)]
        )
        internal = env["res.users"].search_count([("share", "=", False)])
        owner = env.ref("base.user_admin")
        deal = env["crm.lead"].create(
            {"name": "Bench deal", "type": "opportunity", "user_id": users[1].id}
        )
        env.flush_all()
        as_owner = deal.with_user(owner)
        Users = env["res.users"].with_user(owner)
        listed = len(as_owner.crm_access_list())
        reviewed = len(Users.crm_access_report())
        # each call from a cold cache, as a new request would make it
        took = timed(
            lambda: (env.invalidate_all(), as_owner.crm_access_list()), args.repeat
        )
        print(
            f"crm_access_list() of one deal, {internal:,} internal users "
            f"({tailored} tailored), "
            f"{listed:,} listed: {took * 1000:8.1f} ms (median of {args.repeat}; "
            "target < 1 s)"
        )
        took = timed(
            lambda: (env.invalidate_all(), Users.crm_access_report()), args.repeat
        )
        print(
            f"crm_access_report(), {reviewed:,} users: {took * 1000:8.1f} ms "
            f"(median of {args.repeat}; target < 5 s)"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
