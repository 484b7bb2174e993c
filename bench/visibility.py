# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Visibility groups at scale, on data generated in this run.

(a) Deleting a visibility group that guards --guarded leads (default 100,000),
    against a raw SQL UPDATE of the same rows. Target: at most 1.5x.
(b) search_count, search_read(limit=80) and read_group(stage) over --leads
    leads (default 1,000,000) for a user under an own-scope role who belongs
    to visibility groups, against a stock-Odoo salesman on the same data: the
    same calls by a salesman of the Sales app with this module's record rules
    switched off (what stock Odoo applies: ``Personal Leads`` and
    multi-company). Target: at most 1.2x.

Phase (a) is rolled back. Phase (b) commits its leads so that PostgreSQL can
vacuum them as it would in a database in use, measures both sides in
paired rounds (--read-rounds; in each, every call on both sides back to back,
median of three calls each, the side that goes first alternating, after a
first pass of both), prints the outline of both sides' query plans and the
median of the rounds' ratios, then deletes the leads; the 50 bench users
stay. Run it on a throwaway database, as ``make bench`` does.

    python bench/visibility.py -c <odoo.conf> -d <db> [--leads N] [--guarded N]
"""

import statistics
import time

from _common import bench_setup, timed

from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import db_connect
from odoo.tools import SQL

SELLERS = 50


def insert_leads(env, count, users, stage_ids, team_id, visibility_sql):
    """``count`` deals spread over ``users`` and ``stage_ids``, in one INSERT."""
    env.cr.execute(
        SQL(
            """INSERT INTO crm_lead (name, type, active, user_id, team_id, stage_id,
                                     company_id, priority, visibility,
                                     create_uid, write_uid, create_date, write_date)
               SELECT 'Bench lead ' || n, 'opportunity', true,
                      (%(users)s)[1 + mod(n, %(nusers)s)], %(team)s,
                      (%(stages)s)[1 + mod(n, %(nstages)s)], %(company)s, '0',
                      %(visibility)s, 1, 1, now(), now()
                 FROM generate_series(1, %(count)s) n
            RETURNING id""",
            users=users.ids,
            nusers=len(users),
            team=team_id,
            stages=stage_ids,
            nstages=len(stage_ids),
            company=env.company.id,
            visibility=visibility_sql,
            count=count,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def bench_group_deletion(env, guarded, repeat, sellers, stage_ids, team_id):
    lead_ids = insert_leads(env, guarded, sellers, stage_ids, team_id, "groups")
    keep = env["res.groups"].create({"name": "Bench kept", "is_visibility_group": True})
    env.flush_all()
    # every tenth lead is also visible to a group that stays
    env.cr.execute(
        SQL(
            """INSERT INTO crm_lead_visibility_group_rel (lead_id, group_id)
               SELECT id, %s FROM unnest(%s::int[]) id""",
            keep.id,
            lead_ids[::10],
        )
    )
    env.cr.execute("ANALYZE crm_lead")
    ours, raw = [], []
    for i in range(repeat):
        group = env["res.groups"].create(
            {"name": f"Bench deleted {i}", "is_visibility_group": True}
        )
        env.flush_all()
        # the deleted group guards all the leads
        env.cr.execute(
            SQL(
                """INSERT INTO crm_lead_visibility_group_rel (lead_id, group_id)
                   SELECT id, %s FROM unnest(%s::int[]) id""",
                group.id,
                lead_ids,
            )
        )
        env.cr.execute("ANALYZE crm_lead_visibility_group_rel")
        env.cr.execute("SAVEPOINT bench_delete")
        start = time.perf_counter()
        group.unlink()
        env.flush_all()
        ours.append(time.perf_counter() - start)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_delete")
        env.invalidate_all()
        env.registry.clear_cache()
        # the same rows, as one raw statement would update them
        start = time.perf_counter()
        env.cr.execute(
            SQL(
                """UPDATE crm_lead SET visibility = 'everyone'
                    WHERE id IN (SELECT lead_id FROM crm_lead_visibility_group_rel
                                  WHERE group_id = %s)
                      AND id NOT IN (SELECT lead_id FROM crm_lead_visibility_group_rel
                                      WHERE group_id = %s)""",
                group.id,
                keep.id,
            )
        )
        raw.append(time.perf_counter() - start)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_delete")
        env.invalidate_all()
        # the next round starts from the same rows, still visible to groups only
        env.cr.execute(
            SQL(
                "DELETE FROM crm_lead_visibility_group_rel WHERE group_id = %s",
                group.id,
            )
        )
    ours_t, raw_t = statistics.median(ours), statistics.median(raw)
    print(
        f"(a) delete a group guarding {guarded:,} leads: {ours_t * 1000:8.1f} ms, "
        f"raw SQL UPDATE {raw_t * 1000:8.1f} ms, ratio {ours_t / raw_t:.2f}x "
        "(target <= 1.5x)"
    )
    env.cr.execute(SQL("DELETE FROM crm_lead WHERE id = ANY(%s)", lead_ids))
    env.invalidate_all()


def plan_outline(env, query):
    """The node types of PostgreSQL's plan for ``query``, outermost first."""
    env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query))
    plan = env.cr.fetchone()[0][0]["Plan"]
    nodes = []
    while plan:
        nodes.append(
            plan["Node Type"]
            + (f" on {plan['Relation Name']}" if "Relation Name" in plan else "")
        )
        plan = (plan.get("Plans") or [None])[0]
    return " > ".join(nodes)


def bench_reads(env, count, repeat, sellers, stage_ids, team_id):
    # 90% everyone, 5% private, 5% visible to one of two groups
    visibility = SQL(
        "CASE WHEN mod(n, 20) = 0 THEN 'private' WHEN mod(n, 20) = 1 THEN 'groups' "
        "ELSE 'everyone' END"
    )
    start = time.perf_counter()
    lead_ids = insert_leads(env, count, sellers, stage_ids, team_id, visibility)
    groups = env["res.groups"].create(
        [{"name": f"Bench visibility {i}", "is_visibility_group": True} for i in (1, 2)]
    )
    env.flush_all()
    env.cr.execute(
        SQL(
            """INSERT INTO crm_lead_visibility_group_rel (lead_id, group_id)
               SELECT id, (%s)[1 + mod(id, 2)] FROM crm_lead
                WHERE id = ANY(%s) AND visibility = 'groups'""",
            groups.ids,
            lead_ids,
        )
    )
    role = env["res.groups"].create({"name": "Bench own scope", "is_role": True})
    for entity in ("lead", "deal"):
        role.set_role_permission(entity, "view", "own")
    ours_user, stock_user = sellers[0], sellers[1]
    ours_user.write({"groups_id": [Command.link(role.id), Command.link(groups[0].id)]})
    groups[1].write({"users": [Command.link(ours_user.id)]})
    env.flush_all()
    # committed and vacuumed, as a database in use would be
    env.cr.commit()
    vacuum(env, ("crm_lead", "crm_lead_visibility_group_rel"))
    print(f"    generated {count:,} leads in {time.perf_counter() - start:.1f} s")

    ours = env["crm.lead"].with_user(ours_user)
    stock = env["crm.lead"].with_user(stock_user).with_context(crm_with_trash=True)

    def calls(model):
        return {
            "search_count": lambda: model.search_count([]),
            "search_read(limit=80)": lambda: model.search_read(
                [], ["name", "stage_id", "user_id"], limit=80
            ),
            "read_group(stage)": lambda: model.read_group(
                [], ["stage_id"], ["stage_id"]
            ),
        }

    def module_rules(active):
        """Switch this module's rules (compiled, visibility, trash) on or off."""
        env.cr.execute(
            SQL(
                """UPDATE ir_rule SET active = %s
                    WHERE crm_generated OR id IN (
                          SELECT res_id FROM ir_model_data
                           WHERE module = 'crm_user_management'
                             AND model = 'ir.rule')""",
                active,
            )
        )
        env.invalidate_all()
        env.registry.clear_cache()

    print(f"    own-scope user sees {ours.search_count([]):,} leads; ", end="")
    module_rules(False)
    print(f"stock salesman sees {stock.search_count([]):,}")
    # paired rounds: in each round every call is timed on both sides back to
    # back (the side that goes first alternating), and the round's ratio is
    # taken; the result is the median of those ratios, so that a slow spell of
    # the machine weighs on both sides of a pair rather than on one side only
    names = list(calls(ours))
    times = {name: {"ours": [], "stock": []} for name in names}
    ratios = {name: [] for name in names}
    plans = {}
    sides = (("ours", ours, True), ("stock", stock, False))
    # a first pass of both sides reads the new rows once (hint bits, cache)
    for _side, model, active in sides:
        module_rules(active)
        for call in calls(model).values():
            call()
    for round_ in range(repeat):
        for name in names:
            pair = {}
            for side, model, active in sides if round_ % 2 == 0 else sides[::-1]:
                module_rules(active)
                if side not in plans:
                    query = model._search([])
                    plans[side] = plan_outline(
                        env,
                        SQL(
                            "SELECT count(*) FROM %s WHERE %s",
                            query.from_clause,
                            query.where_clause,
                        ),
                    )
                call = calls(model)[name]
                call()  # rules computed, pages cached
                pair[side] = timed(call, 3)
                times[name][side].append(pair[side])
            ratios[name].append(pair["ours"] / pair["stock"])
    module_rules(True)
    for side, outline in plans.items():
        print(f"    plan of search_count, {side:<5}: {outline}")
    for name in names:
        ours_t = statistics.median(times[name]["ours"])
        stock_t = statistics.median(times[name]["stock"])
        ratio = statistics.median(ratios[name])
        print(
            f"(b) {name:<22} {ours_t * 1000:8.1f} ms, stock salesman "
            f"{stock_t * 1000:8.1f} ms, ratio {ratio:.2f}x "
            f"(median of {repeat} paired rounds; target <= 1.2x)"
        )
    # the generated leads go; the bench users stay in the (throwaway) database
    env.cr.execute(SQL("DELETE FROM crm_lead WHERE id = ANY(%s)", lead_ids))
    env.cr.commit()


def vacuum(env, tables):
    """VACUUM ANALYZE ``tables`` (outside any transaction)."""
    with db_connect(env.cr.dbname).cursor() as cr:
        cr._cnx.autocommit = True
        for table in tables:
            cr.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)))


def add_arguments(parser):
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--guarded", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    # (b) is quick: many paired rounds, for a steady median ratio
    parser.add_argument("--read-rounds", type=int, default=21)


def main():
    args, registry = bench_setup(__doc__, add_arguments)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True})
        env["ir.config_parameter"].set_param("crm_user_management.seat_limit", 0)
        sellers = env["res.users"].create(
            [
                {
                    "name": f"Bench seller {i}",
                    "login": f"bench-seller-{i}@example.com",
                    "groups_id": [
                        Command.link(env.ref("sales_team.group_sale_salesman").id)
                    ],
                }
                for i in range(SELLERS)
            ]
        )
        team = env["crm.team"].create({"name": "Bench team"})
        stage_ids = env["crm.stage"].search([]).ids
        cr.commit()
        bench_group_deletion(
            env, args.guarded, args.repeat, sellers, stage_ids, team.id
        )
        # phase (a) leaves nothing behind; phase (b) commits its data
        cr.rollback()
        bench_reads(env, args.leads, args.read_rounds, sellers, stage_ids, team.id)


if __name__ == "__main__":
    main()
