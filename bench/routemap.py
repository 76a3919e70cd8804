#!/usr/bin/env python3
"""Benchmark of crm_routemap: completing a route-map task (with its state change) against a
plain stage write on crm.lead, with 100 and with 10,000 processes running.

    ./dev odoo -d bench_routemap -i crm_routemap --stop-after-init   # once: the database
    ./dev py bench/routemap.py [--db bench_routemap] [--repeat 50] [--running 100,10000]

For each number of running processes N it makes sure N processes run (created with the ORM
and committed, reused by the next run), then times, alternately and each rolled back:
- native: `crm.lead.write({"stage_id": ...})` on a plain opportunity (no scenario);
- ours: `crm.routemap.task.action_complete()` on a controlled interest, which loads the
  process's engine state, advances SpiffWorkflow, writes the state, closes the task and its
  activity, creates the next task and activity and moves the interest's state.
It prints the medians, the ratio ours / native (target at most 3) and the growth of ours
between the smallest and the largest N (target at most 1.2). Exit code 0 when both hold.
"""

import argparse
import importlib
import json
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
CONTEXT = {"tracking_disable": True, "mail_notrack": True}


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
    ids = {"scenario": scenario.id, "stages": stages.ids, "plain": plain.ids}
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
                }
                for i in range(size)
            ]
        )
        env.cr.commit()
        running += size
        log(f"{running} processes running")
    return running


def measure(env, ids, repeat):
    lead_plain = env["crm.lead"].create(
        {"name": "Bench plain", "type": "opportunity", "team_id": False, "scenario_id": False}
    )
    plain = env["crm.stage"].browse(ids["plain"])
    native, ours = [], []
    for i in range(repeat):
        # native: a stage write
        env.cr.execute("SAVEPOINT bench")
        start = time.perf_counter()
        lead_plain.write({"stage_id": plain[i % 2].id})
        env.flush_all()
        native.append(time.perf_counter() - start)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all()
        # ours: complete the first task of a fresh controlled interest
        env.cr.execute("SAVEPOINT bench")
        lead = env["crm.lead"].create(
            {"name": "Bench measured", "type": "opportunity", "scenario_id": ids["scenario"]}
        )
        task = lead.routemap_process_ids.task_ids
        env.flush_all()
        start = time.perf_counter()
        task.action_complete()
        env.flush_all()
        ours.append(time.perf_counter() - start)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        env.invalidate_all()
    return statistics.median(native), statistics.median(ours)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_routemap")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--running", default="100,10000")
    args = parser.parse_args(argv)
    devlib.pg_start()
    config.parse_config([*devlib.odoo_args()[4:], "--http-interface=127.0.0.1"])
    registry = Registry(args.db)
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, CONTEXT)
        ids = fixtures(env)
        for count in sorted(int(n) for n in args.running.split(",")):
            running = ensure_running(env, ids, count)
            native, ours = measure(env, ids, args.repeat)
            results.append((running, native, ours))
            log(
                f"{running:>6} running: native {native * 1000:.2f} ms, ours {ours * 1000:.2f} ms, "
                f"ratio {ours / native:.2f} (target <= 3)"
            )
        cr.rollback()
    ok = all(ours / native <= 3 for _n, native, ours in results)
    growth = results[-1][2] / results[0][2]
    native_growth = results[-1][1] / results[0][1]
    log(f"growth of native over the same runs: {native_growth:.2f} (machine and table size)")
    log(
        f"growth of ours from {results[0][0]} to {results[-1][0]} running: {growth:.2f} (target <= 1.2)"
    )
    ok = ok and growth <= 1.2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
