# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time changing one permission of a role with 10, 100 and 1,000 members.

The compiler rebuilds rules and ACLs only, never per member, so the time must
stay flat in the member count. Everything runs in one transaction that is
rolled back.

    python bench/roles.py -c <odoo.conf> -d <db> [--repeat 5]
"""

import statistics
import time

from _common import bench_setup

from odoo import SUPERUSER_ID, Command, api


def main():
    args, registry = bench_setup(
        __doc__, lambda parser: parser.add_argument("--repeat", type=int, default=5)
    )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True})
        env["ir.config_parameter"].set_param("crm_user_management.seat_limit", 0)
        users = env["res.users"].create(
            [
                {"name": f"Bench {i}", "login": f"bench-role-{i}@example.com"}
                for i in range(1000)
            ]
        )
        timings = {}
        for size in (10, 100, 1000):
            role = env["res.groups"].create(
                {
                    "name": f"Bench role {size}",
                    "is_role": True,
                    "users": [Command.set(users[:size].ids)],
                }
            )
            role.set_role_permission("lead", "view", "own")
            env.flush_all()
            runs = []
            for i in range(args.repeat):
                scope = "all" if i % 2 == 0 else "team"
                start = time.perf_counter()
                role.set_role_permission("lead", "view", scope)
                env.flush_all()
                runs.append(time.perf_counter() - start)
            timings[size] = statistics.median(runs)
            print(
                f"{size:>5} members: {timings[size] * 1000:7.1f} ms "
                f"(median of {args.repeat})"
            )
        print(
            f"ratio 1000/10 members: {timings[1000] / timings[10]:.2f}x "
            "(flat = about 1x)"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
