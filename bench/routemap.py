#!/usr/bin/env python3
"""Benchmark of crm_routemap: completing a route-map task (with its state change) against a
plain stage write on crm.lead and against crm_interest's own manual state move, with 100 and
with 10,000 processes running.

    ./dev odoo -d bench_routemap -i crm_routemap --stop-after-init   # once: the database
    ./dev py bench/routemap.py [--db bench_routemap] [--repeat 50] [--running 100,10000]
                               [--profile]

Everything is measured as a salesman would run it (his own interests, access rules on,
tracking and chatter as in use). For each number of running processes N it makes sure N
processes run (created once and committed, reused by the next run), then times, alternately
and each rolled back:
- native: `crm.lead.write({"stage_id": ...})` on a plain opportunity of his (no scenario);
- manual: `crm.lead._interest_set_state(state)` on his interest of a manual scenario;
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
    manual = env["crm.interest.scenario"].create({"name": "Bench manual", "process_kind": "manual"})
    manual_stages = env["crm.stage"].create(
        [
            {"name": f"Bench manual {i}", "sequence": 3200 + i, "scenario_id": manual.id}
            for i in range(2)
        ]
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
        "manual": manual.id,
        "manual_stages": manual_stages.ids,
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


def measure(env, ids, repeat, profiler=None):
    """Medians (native, manual, ours) in seconds, each operation as the salesman."""
    me = env(user=ids["salesman"])
    lead_plain = me["crm.lead"].create(
        {"name": "Bench plain", "type": "opportunity", "team_id": False, "scenario_id": False}
    )
    lead_manual = me["crm.lead"].create(
        {"name": "Bench manual", "type": "opportunity", "scenario_id": ids["manual"]}
    )
    plain = me["crm.stage"].browse(ids["plain"])
    manual_stages = me["crm.stage"].browse(ids["manual_stages"])
    native, manual, ours = [], [], []
    for i in range(repeat):
        native.append(_timed(env, lambda i=i: lead_plain.write({"stage_id": plain[i % 2].id})))
        manual.append(
            _timed(env, lambda i=i: lead_manual._interest_set_state(manual_stages[(i + 1) % 2]))
        )
        # ours: complete the first task of a fresh controlled interest of his
        env.cr.execute("SAVEPOINT fresh")
        lead = me["crm.lead"].create(
            {"name": "Bench measured", "type": "opportunity", "scenario_id": ids["scenario"]}
        )
        task = lead.routemap_process_ids.task_ids
        env.flush_all()
        env.cr.precommit.run()  # the creation's own tracking is not the completion's
        env.flush_all()
        if profiler:
            profiler.enable()
        ours.append(_timed(env, task.action_complete))
        if profiler:
            profiler.disable()
        env.cr.execute("ROLLBACK TO SAVEPOINT fresh")
        env.invalidate_all()
    return statistics.median(native), statistics.median(manual), statistics.median(ours)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_routemap")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--running", default="100,10000")
    parser.add_argument("--profile", action="store_true", help="print where ours spends time")
    args = parser.parse_args(argv)
    devlib.pg_start()
    config.parse_config([*devlib.odoo_args()[4:], "--http-interface=127.0.0.1"])
    registry = Registry(args.db)
    profiler = cProfile.Profile() if args.profile else None
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = fixtures(env)
        for count in sorted(int(n) for n in args.running.split(",")):
            running = ensure_running(env, ids, count)
            native, manual, ours = measure(env, ids, args.repeat, profiler)
            results.append((running, native, manual, ours))
            log(
                f"{running:>6} running: native {native * 1000:.2f} ms, manual state move "
                f"{manual * 1000:.2f} ms, ours {ours * 1000:.2f} ms; ours / native "
                f"{ours / native:.2f} (target <= 3), ours / manual {ours / manual:.2f} "
                "(target <= 1.5)"
            )
        cr.rollback()
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
