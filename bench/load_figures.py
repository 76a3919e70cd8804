"""bench/load.py's figures: percentiles per action outside the fault windows, the replica's
share of requests, and the counts in the database (every call once, every task one advance)."""

import time
from pathlib import Path

from tools import devlib


def log(msg):
    print(f"[load {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))] if values else 0


def figures(requests, windows):
    """{action: {...}} and the printed table: percentiles of successful requests outside the
    fault windows, errors outside and inside them (with the first errors' messages)."""
    inside = lambda t: any(a <= t <= b for __, a, b in windows)  # noqa: E731
    table = {}
    for row in requests:
        entry = table.setdefault(row["action"], {"ms": [], "n": 0, "errors": 0, "in_faults": 0})
        entry["n"] += 1
        if inside(row["t"]):
            entry["in_faults"] += not row["ok"]
        elif row["ok"]:
            entry["ms"].append(row["ms"])
        else:
            entry["errors"] += 1
            entry.setdefault("messages", []).append(row["error"])
    print(
        f"\n{'action':34} {'n':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>7} {'in faults':>9}"
    )
    for name in sorted(table):
        e = table[name]
        e.update({f"p{q}": percentile(e["ms"], q / 100) for q in (50, 95, 99)})
        print(
            f"{name:34} {e['n']:6} {e['p50']:7.0f} {e['p95']:7.0f} {e['p99']:7.0f} "
            f"{e['errors']:7} {e['in_faults']:9}"
        )
        for message in sorted(set(e.get("messages", [])))[:3]:
            print(f"    error: {message}")
    return table


def cursor_modes(odoo_log, windows):
    """Requests Odoo served on a read-only cursor (the replica) against all, before and after
    the replica's fault (Odoo's request log ends with the cursor mode: ro, rw, ro->rw)."""
    fault = next((start for name, start, __ in windows if name == "replica stopped"), None)
    counts = {"before": [0, 0], "after": [0, 0]}
    for line in Path(odoo_log).read_text(errors="replace").splitlines():
        if " werkzeug: " not in line or not line.endswith((" ro", " rw", " ro->rw")):
            continue
        when = time.mktime(time.strptime(line[:19], "%Y-%m-%d %H:%M:%S"))
        side = counts["after" if fault and when > fault + 2 else "before"]
        side[0] += line.endswith(" ro")
        side[1] += 1
    for side, (ro, total) in counts.items():
        if total:
            print(f"requests on the replica (read-only cursor) {side} its fault: {ro} of {total}")
    return counts


def side_p95(requests, windows, side):
    inside = lambda t: any(a <= t <= b for __, a, b in windows)  # noqa: E731
    return percentile(
        [
            r["ms"] for r in requests
            if r["ok"] and r["action"].startswith(side) and "log in" not in r["action"]
            and not inside(r["t"])
        ],
        0.95,
    )  # fmt: skip


def count_calls(config, posted):
    """Problems with the calls: every posted call exactly once, hung up."""
    rows = devlib.psql(
        "SELECT call_uid, count(*), min(call_state) FROM crm_interaction "
        f"WHERE softphone_pbx_id = {int(config['pbx'])} AND call_uid LIKE 'load-%' "
        "GROUP BY call_uid",
        dbname=config["db"],
    )
    found = {uid: (int(n), state) for uid, n, state in (r.split("|") for r in rows.splitlines())}
    missing = [c for c in posted if c not in found]
    doubled = [c for c in posted if c in found and found[c][0] > 1]
    open_calls = [c for c in posted if c in found and found[c][1] in ("ringing", "in_progress")]
    log(
        f"calls: {len(posted)} posted, {len(posted) - len(missing)} in Odoo, "
        f"{len(missing)} missing, {len(doubled)} doubled, {len(open_calls)} not hung up"
    )
    return (
        [f"{len(missing)} calls missing: {missing[:5]}"] * bool(missing)
        + [f"{len(doubled)} calls doubled: {doubled[:5]}"] * bool(doubled)
        + [f"{len(open_calls)} calls not hung up: {open_calls[:5]}"] * bool(open_calls)
    )


def count_advances(config, completed):
    """Problems with the completed tasks: each done once, its process advanced once (a task
    per completion plus the open one, or none when the process ended)."""
    doubled = sorted({t for t in completed if completed.count(t) > 1})
    if not completed:
        log("tasks: none completed")
        return ["no task completed"]
    ids = ",".join(str(int(t)) for t in set(completed))
    rows = devlib.psql(
        "SELECT p.id, p.state, count(*) FILTER (WHERE t.state = 'done'), "
        "count(*) FILTER (WHERE t.state = 'open'), count(*), "
        f"count(*) FILTER (WHERE t.id IN ({ids})) "
        "FROM crm_routemap_process p JOIN crm_routemap_task t ON t.process_id = p.id "
        f"WHERE p.id IN (SELECT process_id FROM crm_routemap_task WHERE id IN ({ids})) "
        "GROUP BY p.id, p.state",
        dbname=config["db"],
    )
    wrong = []
    for row in rows.splitlines():
        pid, state, done, open_, total, ours = row.split("|")
        done, open_, total, ours = int(done), int(open_), int(total), int(ours)
        expected_open = 1 if state == "running" else 0
        if open_ != expected_open or total != done + open_ or done < ours:
            wrong.append(f"process {pid} ({state}): {done} done, {open_} open, {total} tasks")
    log(
        f"tasks: {len(completed)} completed, {len(set(completed))} distinct, "
        f"{len(doubled)} completed twice, {len(wrong)} processes not advanced exactly once"
    )
    return [f"tasks completed twice: {doubled[:5]}"] * bool(doubled) + wrong[:5]
