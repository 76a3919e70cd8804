#!/usr/bin/env python3
"""Load and fault run: Odoo with workers and a streaming replica under real users over HTTP.

    ./dev py bench/load.py [--db crm_load] [--users 2] [--time 300] [--workers 2]
                           [--calls-per-minute 12] [--no-faults] [--http-port N]

Starts its own Odoo (`--workers`, reading through the replica of tools/replica.py, on free
loopback ports) on a bench database (created once with all addons and demo data, kept), and
runs locust headless (its own environment, .local/load-venv, bench/requirements-load.txt)
with --users salespeople on our screens and as many on Odoo's native CRM screens (see
bench/load_users.py), for --time seconds. Meanwhile a PBX posts calls (ring, answer, hangup)
at a steady rate to crm_softphone's endpoint through softphone_agent's own queue and sender.

Faults (unless --no-faults), each logged with its recovery: at 20 % of the run one worker is
killed with SIGKILL (Odoo respawns it); at 40 % the Odoo server is stopped for 30 s (the PBX
queue keeps filling and is resent after); at 70 % the replica is stopped for 20 s and started
again (Odoo reads the primary meanwhile).

Prints p50 / p95 / p99 per action (successful requests outside the fault windows), errors
inside and outside the fault windows, our p95 / native p95 (target at most 1.5), and counts
in the database: every posted call exactly once, every completed task exactly one advance.
Exit code 0 when the targets hold (no error outside the fault windows, the ratio, the counts).
"""

import argparse
import asyncio
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from load_figures import (  # noqa: E402
    count_advances,
    count_calls,
    cursor_modes,
    figures,
    log,
    side_p95,
)

from tools import devlib, replica  # noqa: E402

PARAM = "crm_load_bench.fixtures"
PASSWORD = "load-bench"
VENV = devlib.LOCAL / "load-venv"
OUT = devlib.LOCAL / "load"
TARGET = 1.5


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="crm_load")
    p.add_argument("--users", type=int, default=2, help="salespeople on each side")
    p.add_argument("--time", type=int, default=300, help="seconds of load")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--calls-per-minute", type=float, default=12)
    p.add_argument("--no-faults", dest="faults", action="store_false")
    p.add_argument("--http-port", type=int, default=0, help="default: a free port")
    p.add_argument("--gevent-port", type=int, default=0, help="default: a free port")
    p.add_argument("--tasks", type=int, default=60, help="open tasks kept per salesperson")
    return p.parse_args(argv)


def locust_bin():
    """locust in its own environment, made (again) when bench/requirements-load.txt changes:
    it pins newer gevent, greenlet, Werkzeug and requests than Odoo's."""
    reqs = BENCH / "requirements-load.txt"
    stamp, locust = VENV / "requirements.sha1", VENV / "bin" / "locust"
    digest = hashlib.sha1(reqs.read_bytes()).hexdigest()
    if locust.exists() and stamp.exists() and stamp.read_text() == digest:
        return locust
    log(f"preparing locust's environment in {VENV}")
    base = Path(sys.base_prefix) / "bin" / "python3"
    subprocess.run([str(base), "-m", "venv", "--clear", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(reqs)]
    with open(devlib.LOCAL / "load-venv.log", "w") as pip_log:  # pip's notes
        subprocess.run(pip, check=True, stdout=pip_log, stderr=subprocess.STDOUT)
    stamp.write_text(digest)
    return locust


def free_port():
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------- the database


def ensure_db(db):
    if devlib.db_exists(db):
        return
    addons = ",".join(devlib.addon_names())
    log(f"creating database {db} with all addons and demo data (once; several minutes)")
    subprocess.run(
        devlib.odoo_args(
            "-d", db, "-i", addons, "--with-demo", "--stop-after-init", "--log-level=warn",
            "--http-interface=127.0.0.1", f"--http-port={free_port()}",
        ),
        check=True,
    )  # fmt: skip


def form_spec(env, view_xmlid="crm.crm_lead_view_form"):
    """The fields the web client reads for a form (sub-views' own fields left out)."""
    from lxml import etree  # noqa: PLC0415

    Model = env["crm.lead"]
    arch = etree.fromstring(
        Model.get_views([(env.ref(view_xmlid).id, "form")])["views"]["form"]["arch"]
    )
    spec = {}
    for node in arch.xpath("//field[not(ancestor::list) and not(ancestor::kanban)]"):
        field = Model._fields.get(node.get("name"))
        if field and field.groups and not env.user.has_groups(field.groups):
            continue
        if field and field.type != "properties":
            spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def fixtures(db, users, tasks):
    """Salespeople (ours and native), their interests with open route-map tasks, their plain
    opportunities with activities, and a PBX: made once, topped up each run. The config the
    locust users read."""
    import client_access  # noqa: PLC0415
    import routemap  # noqa: PLC0415

    registry = client_access.open_registry(db)
    with registry.cursor() as cr:
        from odoo import api  # noqa: PLC0415

        env = api.Environment(cr, 1, {})
        kept = json.loads(env["ir.config_parameter"].get_param(PARAM) or "{}")
        scenario = routemap.fixtures(env)["scenario"]
        Users = env["res.users"].with_context(no_reset_password=True)
        group = env.ref("sales_team.group_sale_salesman")
        logins = {"ours": [], "native": []}
        for kind, entries in logins.items():
            for i in range(users):
                login = f"load_{kind}_{i}"
                user = Users.search([("login", "=", login)])
                if not user:
                    user = Users.create(
                        {"name": f"Load {kind} {i}", "login": login, "password": PASSWORD,
                         "group_ids": [(6, 0, [group.id])]}
                    )  # fmt: skip
                entries.append({"login": login, "password": PASSWORD, "uid": user.id})
                if kind == "ours":
                    _top_up_tasks(env, user, scenario, tasks)
                else:
                    _top_up_activities(env, user, tasks)
        if not kept.get("pbx"):
            pbx = env["crm.softphone.pbx"].create({"name": "Load PBX"})
            kept["pbx"] = pbx.id
            env["ir.config_parameter"].set_param(PARAM, json.dumps(kept))
        pbx = env["crm.softphone.pbx"].browse(kept["pbx"])
        # the views as a salesperson gets them (fields of groups he lacks left out)
        salesman = env(user=logins["ours"][0]["uid"])
        config = {
            "db": db,
            "scenario": scenario,
            "pbx": pbx.id,
            "token": pbx.token,
            "list_spec": client_access.list_spec(
                salesman, "crm.lead", "crm.crm_case_tree_view_oppor"
            ),
            "form_spec": form_spec(salesman),
            **logins,
        }
        cr.commit()
    return config


def _top_up_tasks(env, user, scenario, count):
    Task = env["crm.routemap.task"]
    have = Task.search_count([("user_id", "=", user.id), ("state", "=", "open")])
    if have < count:
        env["crm.lead"].create(
            [
                {"name": f"Load interest {user.login} {i}", "type": "opportunity",
                 "scenario_id": scenario, "user_id": user.id}
                for i in range(count - have)
            ]
        )  # fmt: skip
        env.cr.commit()


def _top_up_activities(env, user, count):
    Lead = env["crm.lead"]
    leads = Lead.search([("user_id", "=", user.id), ("scenario_id", "=", False)])
    if len(leads) < 20:
        leads |= Lead.create(
            [
                {"name": f"Load lead {user.login} {i}", "type": "opportunity",
                 "user_id": user.id, "scenario_id": False}
                for i in range(20 - len(leads))
            ]
        )  # fmt: skip
    Activity = env["mail.activity"]
    have = Activity.search_count([("user_id", "=", user.id), ("res_model", "=", "crm.lead")])
    todo = env.ref("mail.mail_activity_data_todo")
    model = env["ir.model"]._get_id("crm.lead")
    if have < count:
        Activity.create(
            [
                {"res_model_id": model, "res_id": leads[i % len(leads)].id, "user_id": user.id,
                 "activity_type_id": todo.id, "summary": f"Load activity {i}"}
                for i in range(count - have)
            ]
        )  # fmt: skip
    env.cr.commit()


# --------------------------------------------------------------------------- Odoo and the PBX


class Odoo:
    """The Odoo server of the run (its own process group), on loopback."""

    def __init__(self, db, options, logfile):
        self.args = devlib.odoo_server_args(
            "-d", db, "--db-filter", f"^{db}$", "--http-interface=127.0.0.1", *options,
            f"--logfile={logfile}", "--log-level=info",
        )  # fmt: skip
        self.port = int(next(o for o in options if o.startswith("--http-port=")).split("=")[1])
        self.proc = None

    def start(self, timeout=180):
        self.proc = subprocess.Popen(self.args, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{self.port}/web/login"
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        return time.monotonic()
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer on port {self.port} within {timeout} s")

    def workers(self):
        """Pids of the HTTP and cron workers (children of the main process, not gevent's)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid and b"gevent" not in cmdline:
                found.append(int(stat.parent.name))
        return sorted(found)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class Pbx(threading.Thread):
    """A PBX posting calls at a steady rate through softphone_agent's Agent: its on-disk
    queue and its sender (resend in order while Odoo cannot take them), as the agent does."""

    def __init__(self, url, config, queue_dir, per_minute, run_id):
        super().__init__(daemon=True)
        self.settings = SimpleNamespace(
            odoo_url=url, pbx_id=config["pbx"], db=config["db"], token=config["token"],
            token_file=None, queue_dir=str(queue_dir), extension_pattern=r"^\d{2,6}$",
            recording_url=None, batch_size=100, timeout=10.0, retry_delay=1.0,
            max_retry_delay=5.0,
        )  # fmt: skip
        self.interval = 60.0 / per_minute
        self.run_id = run_id
        self.calls = set()  # the calls' coroutines under way (kept referenced)
        self.posted = []  # call ids whose events (ring, answer, hangup) went to the queue
        self.loop = asyncio.new_event_loop()
        self.agent = None
        self.calling = True

    def run(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())

    async def _main(self):
        from softphone_agent.agent import Agent  # noqa: PLC0415

        self.agent = Agent(self.settings)
        tasks = [asyncio.ensure_future(c) for c in (self.agent.writer(), self.agent.sender())]
        n = 0
        while self.calling:
            n += 1
            call_id = f"load-{self.run_id}-{n}"
            self.posted.append(call_id)
            self.calls.add(asyncio.ensure_future(self._call(call_id, n)))
            await asyncio.sleep(self.interval)
        await asyncio.sleep(3)  # the last call's answer and hangup
        while self.agent.incoming or len(self.agent.queue) or self.agent.to_disk.is_set():
            await asyncio.sleep(0.5)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _call(self, call_id, n):
        number = f"+7916{n:07d}"
        steps = (("ring", {"from": number}), ("answer", {"extension": "201"}), ("hangup", {}))
        for i, (event, extra) in enumerate(steps):
            if i:
                await asyncio.sleep(1)
            body = {"call_id": call_id, "event": event, "time": int(time.time()), **extra}
            self.agent.incoming.append(body)
            self.agent.to_disk.set()

    def finish(self, timeout):
        """Stop calling; wait until the queue is empty (everything taken by Odoo)."""
        self.calling = False
        self.join(timeout)
        return len(self.agent.queue) if self.agent else None


# --------------------------------------------------------------------------- faults


class Faults(threading.Thread):
    """The three faults at their time of the run, each logged with its recovery; windows
    (name, start, end) of wall-clock time in which errors are expected."""

    def __init__(self, odoo, duration, margin=10):
        super().__init__(daemon=True)
        self.odoo, self.duration, self.margin = odoo, duration, margin
        self.windows = []
        self.problems = []
        self.t0 = time.time()

    def at(self, share):
        time.sleep(max(0, self.t0 + share * self.duration - time.time()))

    def run(self):
        try:
            self.at(0.2)
            self.kill_worker()
            self.at(0.4)
            self.stop_odoo()
            self.at(0.7)
            self.stop_replica()
        except Exception as exc:
            self.problems.append(f"fault run broke: {exc!r}")
            log(f"FAULT RUN BROKE: {exc!r}")

    def kill_worker(self):
        before = self.odoo.workers()
        if not before:
            self.problems.append("no worker to kill (is Odoo running with --workers?)")
            return
        start = time.time()
        victim = before[0]
        log(f"FAULT worker {victim} killed with SIGKILL (workers: {before})")
        os.kill(victim, signal.SIGKILL)
        while time.time() < start + 30:
            now = self.odoo.workers()
            if victim not in now and len(now) >= len(before):
                log(f"RECOVERED Odoo respawned the worker: {now} ({time.time() - start:.1f} s)")
                break
            time.sleep(0.2)
        else:
            self.problems.append(f"worker {victim} not respawned within 30 s")
            log("NOT RECOVERED: the worker was not respawned within 30 s")
        self.windows.append(("worker killed", start, time.time() + self.margin))

    def stop_odoo(self):
        start = time.time()
        log("FAULT Odoo server stopped for 30 s (the PBX agent keeps queueing)")
        self.odoo.stop()
        time.sleep(max(0, start + 30 - time.time()))
        self.odoo.start()
        log(f"RECOVERED Odoo serves again ({time.time() - start:.1f} s after the stop)")
        self.windows.append(("Odoo stopped", start, time.time() + self.margin))

    def stop_replica(self):
        start = time.time()
        log("FAULT replica stopped for 20 s (Odoo reads the primary meanwhile)")
        replica.stop()
        time.sleep(20)
        replica.start()
        caught = replica.caught_up(timeout=60)
        log(f"RECOVERED replica started again, caught up: {caught} ({time.time() - start:.1f} s)")
        # Odoo 19 (registry.cursor): a worker that failed to open a replica cursor reads the
        # primary for _REPLICA_RETRY_TIME (20 min) before it tries the replica again
        log("note: each worker that missed the replica reads the primary for 20 min from then")
        if not caught:
            self.problems.append("the replica did not catch up within 60 s")
        self.windows.append(("replica stopped", start, time.time() + self.margin))


# --------------------------------------------------------------------------- the run


def main(argv=None):
    args = parse_args(argv)
    locust = locust_bin()
    devlib.pg_start()
    ensure_db(args.db)
    log(f"preparing {args.users} + {args.users} salespeople in {args.db}")
    config = fixtures(args.db, args.users, args.tasks)
    run_id = time.strftime("%Y%m%d%H%M%S")
    out = OUT / run_id
    out.mkdir(parents=True)
    (out / "users.json").write_text(json.dumps(config))
    replica_port = replica.start()
    replica.caught_up(timeout=120)
    http_port = args.http_port or free_port()
    options = replica.odoo_options(
        args.workers, replica_port, http_port, args.gevent_port or free_port()
    )
    odoo = Odoo(args.db, options, out / "odoo.log")
    log(f"starting Odoo: {' '.join(options)} (log: {out / 'odoo.log'})")
    odoo.start()
    url = f"http://127.0.0.1:{http_port}"
    pbx = Pbx(url, config, out / "pbx-queue", args.calls_per_minute, run_id)
    faults = Faults(odoo, args.time)
    problems = []
    try:
        pbx.start()
        if args.faults:
            faults.start()
        log(f"locust: {args.users} + {args.users} users for {args.time} s on {url}")
        env = dict(
            os.environ,
            LOAD_USERS=str(out / "users.json"),
            LOAD_LOG=str(out / "requests.jsonl"),
            LOAD_EACH=str(args.users),
        )
        with open(out / "locust.log", "w") as locust_log:
            subprocess.run(
                [
                    str(locust), "-f", str(BENCH / "load_users.py"), "--headless",
                    "-u", str(2 * args.users), "-r", str(2 * args.users),
                    "-t", f"{args.time}s", "--host", url, "--only-summary",
                    "--stop-timeout", "10",
                ],
                env=env, stdout=locust_log, stderr=subprocess.STDOUT, check=False,
            )  # fmt: skip
        if faults.is_alive():
            faults.join(120)
        left = pbx.finish(timeout=180)
        log(f"PBX: {len(pbx.posted)} calls posted, {left} events still queued")
        if left:
            problems.append(f"{left} PBX events still queued after 180 s")
    finally:
        odoo.stop()
        replica.stop()
    requests = [json.loads(line) for line in (out / "requests.jsonl").open()]
    completed = (out / "requests.jsonl.tasks").read_text().split()
    table = figures(requests, faults.windows)
    ours, native = (
        side_p95(requests, faults.windows, "ours"),
        side_p95(requests, faults.windows, "native"),
    )
    ratio = ours / native if native else float("inf")
    print(f"\np95 ours {ours:.0f} ms / native {native:.0f} ms = {ratio:.2f} (target <= {TARGET})")
    for name, start, end in faults.windows:
        print(f"fault window: {name}: {end - start:.0f} s")
    modes = cursor_modes(out / "odoo.log", faults.windows)
    errors = sum(e["errors"] for e in table.values())
    problems += faults.problems + count_calls(config, pbx.posted)
    problems += count_advances(config, completed)
    if errors:
        problems.append(f"{errors} errors outside the fault windows")
    if ratio > TARGET:
        problems.append(f"ours / native p95 {ratio:.2f} > {TARGET}")
    result = {
        "users": args.users, "time": args.time, "workers": args.workers,
        "faults": [list(w) for w in faults.windows], "ratio": ratio,
        "calls": len(pbx.posted), "tasks": len(completed), "problems": problems,
        "replica_requests": modes,
        "actions": {k: {f: v for f, v in e.items() if f != "ms"} for k, e in table.items()},
    }  # fmt: skip
    (out / "result.json").write_text(json.dumps(result, indent=1))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"{'all targets hold' if not problems else 'targets missed'}; files in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
