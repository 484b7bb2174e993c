# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invite N users through the wizard and through stock ``web_create_users``.

Both run in the same process, on the same database, each in a transaction that
is rolled back afterwards, after one untimed warm-up run of each on 5 users.
The two alternate ``--repeat`` times (default 3); prints users/s of every run,
the median of each side and the ratio of the medians.

    python bench/invite.py -c <odoo.conf> -d <db> [--count 1000] [--repeat 3]
"""

import statistics
import time

from _common import bench_setup

from odoo import SUPERUSER_ID, api


def warm_up(registry, run):
    """Run once on a few users and roll back: first calls compile templates and
    fill registry caches, which neither side should be timed for."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        run(env, "warmup", 5)
        env.flush_all()
        cr.rollback()


def timed(registry, label, count, run):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("crm_user_management.seat_limit", 0)
        mails_before = env["mail.mail"].search_count([])
        start = time.perf_counter()
        run(env, label, count)
        env.flush_all()
        elapsed = time.perf_counter() - start
        created = env["res.users"].search_count([("login", "like", f"bench-{label}-%")])
        queued = env["mail.mail"].search_count([("state", "=", "outgoing")])
        mails = env["mail.mail"].search_count([]) - mails_before
        cr.rollback()
    assert created == count, f"{label}: {created} users created, {count} expected"
    rate = count / elapsed
    print(
        f"{label:>6}: {count} users in {elapsed:7.2f} s = {rate:8.1f} users/s "
        f"({mails} mails created, {queued} queued)"
    )
    return rate


def main():
    def add_arguments(parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=3)

    args, registry = bench_setup(__doc__, add_arguments)

    def wizard(env, label, count):
        env["crm.user.invite.wizard"].create(
            {
                "line_ids": [
                    (0, 0, {"email": f"bench-{label}-{i}@example.com"})
                    for i in range(count)
                ]
            }
        ).action_send()

    def stock(env, label, count):
        env["res.users"].web_create_users(
            [f"bench-{label}-{i}@example.com" for i in range(count)]
        )

    warm_up(registry, wizard)
    warm_up(registry, stock)
    ours, theirs = [], []
    for _run in range(args.repeat):
        ours.append(timed(registry, "wizard", args.count, wizard))
        theirs.append(timed(registry, "stock", args.count, stock))
    ours, theirs = statistics.median(ours), statistics.median(theirs)
    print(
        f"median: wizard {ours:.1f} users/s, stock {theirs:.1f} users/s, "
        f"ratio wizard/stock: {ours / theirs:.1f}x (target >= 10x)"
    )


if __name__ == "__main__":
    main()
