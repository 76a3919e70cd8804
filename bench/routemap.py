#!/usr/bin/env python3
"""Benchmark of crm_routemap: completing a route-map task (with its state change) against a
plain stage write on crm.lead and against crm_interest's own manual state move, with 100 and
with 10,000 processes running.

    ./dev py bench/routemap.py [--db bench_routemap] [--repeat 50] [--rounds 5]
                               [--running 100,10000] [--profile]

Everything is measured as a salesman would run it (his own interests, access rules on,
tracking and chatter as in use). For each number of running processes N it has a database
`<db>_N` where N processes run (created once with crm_routemap and committed, reused by the
next run after an update to this checkout's code); the sizes are measured in alternating
rounds, each operation timed alternately and rolled back:
- native: `crm.lead.write({"stage_id": ...})` on a plain opportunity of his (no scenario);
- manual: `crm.lead._interest_set_state(state)`, crm_interest's own state move, on the same
  fresh interest of the route-map scenario that ours then completes (rolled back between);
- floor: the same state move plus one activity scheduled and one marked done on that
  interest, natively: the least a completion can cost while its tasks show as activities
  (no target: it tells how much of ours / manual the design itself asks);
- ours: `crm.routemap.task.action_complete()` on his controlled interest: it loads the
  process's engine state, advances SpiffWorkflow, writes the state, closes the task and its
  activity, creates the next task and activity and moves the interest's state.
It prints the medians, the ratios ours / native (target at most 3) and ours / manual (target
at most 1.5) and the growth of ours between the smallest and the largest N (target at most
1.2); with --profile, the top lines of a cProfile of ours. Exit code 0 when all hold.
"""

import argparse
import cProfile
import importlib
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402
from tools import devlib  # noqa: E402

PARAM = "crm_routemap_bench.fixtures"


def log(msg):
    print(f"[bench] {msg}", flush=True)


def fixtures(env):
    """Scenario, states, a two-task controlling map, a plain team stage: created once."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)
    if raw:
        return json.loads(raw)
    bpmn = importlib.import_module("odoo.addons.crm_routemap.pure.bpmn")
    scenario = env["crm.interest.scenario"].create(
        {"name": "Bench route map", "process_kind": "manual"}
    )
    stages = env["crm.stage"].create(
        [
            {
                "name": f"Bench state {i}",
                "sequence": 3000 + i,
                "scenario_id": scenario.id,
                "is_won": i == 3,
            }
            for i in range(4)
        ]
    )
    drawing = bpmn.build(
        "Process_bench",
        "Bench map",
        [
            ("S", "start", "Start"),
            ("A", "action", "First"),
            ("B", "action", "Second"),
            ("E", "end", "End"),
        ],
        [("a", "S", "A"), ("b", "A", "B"), ("c", "B", "E")],
    )
    routemap = env["crm.routemap"].create(
        {
            "name": "Bench map",
            "target": "interest",
            "interest_kind": "controlling",
            "scenario_id": scenario.id,
            "xml": bpmn.to_xml(drawing),
        }
    )
    env["crm.routemap"]._routemap_configure(
        routemap.id,
        {
            "A": {"stage_id": stages[0].id, "duration": 1},
            "B": {"stage_id": stages[1].id, "duration": 1},
            "E": {"stage_id": stages[3].id},
        },
    )
    routemap.action_activate()
    scenario.process_kind = "routemap"
    plain = env["crm.stage"].create(
        [{"name": f"Bench plain {i}", "sequence": 3100 + i} for i in range(2)]
    )
    salesman = env["res.users"].create(
        {
            "name": "Bench Salesman",
            "login": "bench_routemap_salesman",
            "group_ids": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])],
        }
    )
    ids = {
        "scenario": scenario.id,
        "stages": stages.ids,
        "plain": plain.ids,
        "salesman": salesman.id,
    }
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
    env.cr.commit()
    return ids


def ensure_running(env, ids, count, batch=200):
    Process = env["crm.routemap.process"]
    running = Process.search_count([("state", "=", "running")])
    while running < count:
        size = min(batch, count - running)
        env["crm.lead"].create(
            [
                {
                    "name": f"Bench interest {running + i}",
                    "type": "opportunity",
                    "scenario_id": ids["scenario"],
                    "user_id": ids["salesman"],
                }
                for i in range(size)
            ]
        )
        env.cr.commit()
        running += size
        log(f"{running} processes running")
    return running


def _timed(env, call):
    """Seconds `call()` takes up to its last write reaching the database, the work Odoo does
    at commit included (tracking messages); then rolled back."""
    env.cr.execute("SAVEPOINT bench")
    start = time.perf_counter()
    call()
    env.flush_all()
    env.cr.precommit.run()
    env.flush_all()
    elapsed = time.perf_counter() - start
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()
    return elapsed


def _floor(lead, stage):
    """The native work a completion cannot do without, by design: the state move, and its
    task shown as an activity (one scheduled, one marked done)."""
    lead._interest_set_state(stage)
    activity = lead.activity_schedule("mail.mail_activity_data_todo", summary="Bench")
    activity.action_feedback(feedback="Bench")


def measure(env, ids, repeat, profiler=None):
    """Timings (native, manual, floor, ours) in seconds, each operation as the salesman.

    The manual move, the floor and the completion run on the same fresh interest of the
    route-map scenario (each rolled back before the next): all pay the same state move, so
    their difference is the route map's own cost."""
    # his context as the web client sends it with each request (language, time zone)
    salesman = env["res.users"].browse(ids["salesman"])
    me = env(user=salesman.id, context={"lang": salesman.lang, "tz": salesman.tz or "UTC"})
    lead_plain = me["crm.lead"].create(
        {"name": "Bench plain", "type": "opportunity", "team_id": False, "scenario_id": False}
    )
    plain = me["crm.stage"].browse(ids["plain"])
    second = me["crm.stage"].browse(ids["stages"][1])
    native, manual, floor, ours = [], [], [], []
    for i in range(repeat):
        native.append(_timed(env, lambda i=i: lead_plain.write({"stage_id": plain[i % 2].id})))
        # a fresh controlled interest of his, at the map's first task
        env.cr.execute("SAVEPOINT fresh")
        lead = me["crm.lead"].create(
            {"name": "Bench measured", "type": "opportunity", "scenario_id": ids["scenario"]}
        )
        task = lead.routemap_process_ids.task_ids
        env.flush_all()
        env.cr.precommit.run()  # the creation's own tracking is not the completion's
        env.flush_all()
        # manual: the same state move crm_interest makes, without the map
        manual.append(_timed(env, lambda lead=lead: lead._interest_set_state(second)))
        floor.append(_timed(env, lambda lead=lead: _floor(lead, second)))
        # ours: the task completed, which moves the interest to the same state
        if profiler:
            profiler.enable()
        ours.append(_timed(env, task.action_complete))
        if profiler:
            profiler.disable()
        env.cr.execute("ROLLBACK TO SAVEPOINT fresh")
        env.invalidate_all()
    return native, manual, floor, ours


def database(name):
    """The bench database `name` with crm_routemap, created once and kept for the next run;
    a kept one is updated to the code of this checkout first (crm_interest's update takes
    crm_routemap with it)."""
    exists = devlib.db_exists(name)
    log(f"{'updating' if exists else 'creating'} database {name} with crm_routemap")
    subprocess.run(
        devlib.odoo_args(
            "-d", name, *(("-u", "crm_interest") if exists else ("-i", "crm_routemap")),
            "--stop-after-init", "--log-level=warn", "--http-interface=127.0.0.1",
        ),
        check=True,
    )  # fmt: skip
    return Registry(name)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_routemap", help="prefix of the databases")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5, help="sizes alternate this often")
    parser.add_argument("--running", default="100,10000")
    parser.add_argument("--profile", action="store_true", help="print where ours spends time")
    args = parser.parse_args(argv)
    devlib.pg_start()
    config.parse_config([*devlib.odoo_args()[4:], "--http-interface=127.0.0.1"])
    profiler = cProfile.Profile() if args.profile else None
    sizes = sorted(int(n) for n in args.running.split(","))
    # one database per size (N running processes each), measured in alternation so that the
    # machine's load weighs the same on every size
    cursors, envs, fixtures_of, running = {}, {}, {}, {}
    for count in sizes:
        cursors[count] = database(f"{args.db}_{count}").cursor()
        envs[count] = odoo.api.Environment(cursors[count], odoo.SUPERUSER_ID, {})
        fixtures_of[count] = fixtures(envs[count])
        running[count] = ensure_running(envs[count], fixtures_of[count], count)
    samples = {count: ([], [], [], []) for count in sizes}
    try:
        for _round in range(args.rounds):
            for count in sizes:
                times = measure(
                    envs[count], fixtures_of[count], max(1, args.repeat // args.rounds), profiler
                )
                for into, values in zip(samples[count], times, strict=True):
                    into.extend(values)
    finally:
        for cr in cursors.values():
            cr.rollback()
            cr.close()
    results = []
    for count in sizes:
        native, manual, floor, ours = (statistics.median(values) for values in samples[count])
        results.append((running[count], native, manual, ours))
        log(
            f"{running[count]:>6} running: native {native * 1000:.2f} ms, manual state move "
            f"{manual * 1000:.2f} ms, floor {floor * 1000:.2f} ms, ours {ours * 1000:.2f} ms; "
            f"ours / native {ours / native:.2f} (target <= 3), ours / manual "
            f"{ours / manual:.2f} (target <= 1.5), floor / manual {floor / manual:.2f}, "
            f"ours / floor {ours / floor:.2f}"
        )
    ok = all(ours / native <= 3 and ours / manual <= 1.5 for _n, native, manual, ours in results)
    growth = results[-1][3] / results[0][3]
    native_growth = results[-1][1] / results[0][1]
    log(f"growth of native over the same runs: {native_growth:.2f} (machine and table size)")
    log(
        f"growth of ours from {results[0][0]} to {results[-1][0]} running: {growth:.2f} "
        "(target <= 1.2)"
    )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        log("profile of ours (cumulative):\n" + out.getvalue())
    ok = ok and growth <= 1.2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
