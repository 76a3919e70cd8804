#!/usr/bin/env python3
"""crm_softphone benchmarks: caller lookup over many partners, event ingestion.

    ./dev py bench/softphone.py [--db NAME] [--partners N] [--lookups N] [--events N]
                                [--repeat K] [--only lookup|ingest]

1. Caller lookup over N partners (default 1,000,000) whose phones are written in mixed formats
   ("+7 (916) 123-45-67", "8 916 123 45 67", "9161234567", "007 916 1234567"...), each looked
   up from a number written in ANOTHER format than the card's:
   - exact: a search on the indexed E.164 column with the number already in E.164 (the floor);
   - ours: crm_softphone's lookup (normalise the raw number, exact key, national key);
   - native: Odoo's own phone search (`phone_mobile_search`, what Odoo's VoIP uses).
   - bare SQL: the same indexed query without the ORM (the physical limit).
   The three side by side, 50 callers at a time each in turn (a shared machine's load weighs
   on each alike), the index pages read once before; the ratio is the median of --repeat.
   Target: ours <= 1.2 x bare SQL, and every caller found (the sample holds numbers that
   fail phonenumbers' validation, about 1 %: they are matched by their digits).
2. Ingestion of E events (default 10,000: 20 % duplicates, shuffled) through the endpoint's
   merge (`softphone_ingest`, batches of 100 as the agent sends them), against plain creates
   of as many interactions in batches of 100 (what a JSON-2 `create` call does, without the
   HTTP layer in both cases). Checks: every call once, in its right final state.
3. The same over HTTP (`--only http`): Odoo serving on loopback, C clients (default 4) posting
   the events in batches of 100 to the PBX endpoint exactly as the agent does, against the
   same number of clients creating as many interactions in batches of 100 with JSON-2
   (`/json/2/crm.interaction/create`, a salesman's API key). Target: ours at least 0.8 x the
   JSON-2 rate; every call once, in its right final state (the rows are deleted afterwards).
   In --repeat rounds (new calls each), the side that goes first alternating: the ratio is
   the median of the rounds' (a shared machine's load changes between the two sides).

The database (default bench_softphone) is created with crm_softphone when missing; the
partners are inserted once (SQL, then the addon's own batched key fill, timed) and reused.
Ingestion runs in a transaction that is rolled back.
"""

import argparse
import random
import statistics
import sys
import threading
import time
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from tools import devlib  # noqa: E402

ADDON = "crm_softphone"
QUIET = ("--http-interface=127.0.0.1",)
PARAM_SIZE = "crm_softphone_bench.partners"


def log(msg):
    print(f"[bench] {msg}", flush=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="bench_softphone")
    p.add_argument("--partners", type=int, default=1_000_000)
    p.add_argument("--lookups", type=int, default=1_000)
    p.add_argument("--native-lookups", type=int, default=20, help="native search is slow")
    p.add_argument("--events", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--clients", type=int, default=4, help="HTTP clients at once (--only http)")
    p.add_argument("--only", choices=("lookup", "ingest", "http"))
    return p.parse_args(argv)


def number_of(i):
    """The i-th bench mobile: +7 9AB CDE FG HI, unique for i < 10**9."""
    return f"9{i % 100:02d}{i // 100:07d}"


FORMATS = (
    lambda n: f"+7 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}",
    lambda n: f"8 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
    lambda n: f"8{n}",
    lambda n: f"+7{n}",
    lambda n: f"{n[:3]}-{n[3:6]}-{n[6:]}",
    lambda n: f"007 {n[:3]} {n[3:]}",
)


def written(i, shift=0):
    return FORMATS[(i + shift) % len(FORMATS)](number_of(i))


def prepare(args):
    import subprocess  # noqa: PLC0415

    if not devlib.db_exists(args.db):
        log(f"creating database {args.db} with {ADDON}")
        res = subprocess.run(
            devlib.odoo_args(
                "-d", args.db, "-i", ADDON, "--stop-after-init", "--log-level=warn", *QUIET
            ),
            check=False,
        )
        if res.returncode:
            sys.exit("install failed")


def open_registry(db):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [*devlib.odoo_args()[4:], "-d", db, "--log-level=warn", *QUIET], setup_logging=True
    )
    threading.current_thread().dbname = db
    return Registry(db)


def build_partners(env, size):
    from odoo.tools import SQL  # noqa: PLC0415

    cr = env.cr
    done = int(env["ir.config_parameter"].get_param(PARAM_SIZE) or 0)
    if done >= size:
        log(f"reusing {done:,} bench partners")
        return done
    log(f"inserting bench partners {done:,} -> {size:,}")
    env.company.country_id = env.ref("base.ru")
    started = time.perf_counter()
    batch = 50_000
    cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_name = 'res_partner' AND column_name = 'autopost_bills'"
    )
    extra_column, extra_value = (
        (SQL(", autopost_bills"), SQL(", 'ask'")) if cr.fetchone() else (SQL(""), SQL(""))
    )
    for start in range(done, size, batch):
        rows = [
            SQL("(%s, %s, %s, true, 'contact', false, now(), now()%s)",
                f"Bench caller {i}", f"Bench caller {i}", written(i), extra_value)
            for i in range(start, min(size, start + batch))
        ]  # fmt: skip
        cr.execute(
            SQL(
                "INSERT INTO res_partner (name, complete_name, phone, active, type, is_company,"
                " create_date, write_date%s) VALUES %s",
                extra_column,
                SQL(", ").join(rows),
            )
        )
    env["ir.config_parameter"].set_param(PARAM_SIZE, str(size))
    log(f"  inserted in {time.perf_counter() - started:.0f} s; filling the match keys")
    started = time.perf_counter()
    env["res.partner"]._softphone_fill_keys()
    log(f"  keys of {size:,} partners filled in {time.perf_counter() - started:.0f} s")
    cr.execute("ANALYZE res_partner")
    cr.commit()
    return size


def bench_lookup(env, args, size):
    from odoo.addons.crm_softphone.pure import phone  # noqa: PLC0415

    Partner = env["res.partner"]
    pbx = env["crm.softphone.pbx"].search([("name", "=", "Bench PBX")], limit=1) or env[
        "crm.softphone.pbx"
    ].create({"name": "Bench PBX", "kind": "webhook", "country_id": env.ref("base.ru").id})
    rng = random.Random(11)
    # callers whose card holds a valid number (a card with a bad number has no key: it is
    # never found by number, by Odoo's search either)
    pool = (i for i in iter(lambda: rng.randrange(size), None) if phone.normalize(written(i), "RU"))
    sample = [next(pool) for __ in range(min(args.lookups, size))]
    expected = {
        i: Partner.search([("name", "=", f"Bench caller {i}")], limit=1).id for i in sample[:100]
    }
    raws = [written(i, shift=1) for i in sample]  # another format than the card's
    e164s = [phone.normalize(r, "RU") for r in raws]

    def exact(chunk):
        for __, e164 in chunk:
            Partner.search([("phone_e164", "=", e164)], limit=20).ids  # noqa: B018

    def exact_sql(chunk):
        for __, e164 in chunk:
            env.cr.execute(
                "SELECT id FROM res_partner WHERE phone_e164 = %s AND active LIMIT 20", [e164]
            )
            env.cr.fetchall()

    found = {}

    def ours(chunk):
        for raw, __ in chunk:
            found[raw] = pbx._softphone_match(raw)[1].ids

    def native():
        for raw in raws[: args.native_lookups]:
            Partner.search([("phone_mobile_search", "=", raw)], limit=20).ids  # noqa: B018

    # side by side: the callers in chunks of 50, each chunk looked up by the three in turn (the
    # order rotating), so that the load of a shared machine weighs on each alike; the index
    # pages read once before (none of them pays for reading them from the disk)
    sides = {"exact": exact, "exact_sql": exact_sql, "ours": ours}
    times = {name: [] for name in (*sides, "native")}
    pairs = list(zip(raws, e164s, strict=True))
    chunks = [pairs[i : i + 50] for i in range(0, len(pairs), 50)]
    exact_sql(pairs)
    for __ in range(args.repeat):
        spent = dict.fromkeys(sides, 0.0)
        env.invalidate_all()
        for turn, chunk in enumerate(chunks):
            order = list(sides)[turn % 3 :] + list(sides)[: turn % 3]
            for name in order:
                started = time.perf_counter()
                sides[name](chunk)
                spent[name] += time.perf_counter() - started
        for name, seconds in spent.items():
            times[name].append(seconds / len(raws))
    env.invalidate_all()
    started = time.perf_counter()
    native()
    times["native"].append((time.perf_counter() - started) / args.native_lookups)
    found = [found[raw] for raw in raws]
    missing = sum(1 for ids in found if not ids)
    wrong = sum(
        1 for i, ids in zip(sample, found, strict=False) if i in expected and expected[i] not in ids
    )
    exact_ms = statistics.median(times["exact"]) * 1000
    ours_ms = statistics.median(times["ours"]) * 1000
    native_ms = times["native"][0] * 1000
    sql_ms = statistics.median(times["exact_sql"]) * 1000
    # the ratio of each repetition (ours and the SQL measured side by side), their median
    ratios = [o / q for o, q in zip(times["ours"], times["exact_sql"], strict=True)]
    ratio = statistics.median(ratios)
    verdict = "PASS" if ratio <= 1.2 and not missing and not wrong else "OVER"
    log(
        f"lookup over {size:,} partners, {len(raws)} callers: bare SQL {sql_ms:.3f} ms, "
        f"exact ORM search {exact_ms:.3f} ms, ours {ours_ms:.3f} ms, native {native_ms:.1f} ms "
        f"per lookup; ours/SQL {ratio:.2f} (target <= 1.2; per repetition "
        f"{' '.join(f'{r:.2f}' for r in ratios)}), ours/ORM search "
        f"{ours_ms / exact_ms:.2f}, native/ours {native_ms / ours_ms:.0f}x; "
        f"not found {missing}, wrong {wrong}: {verdict}"
    )
    return verdict == "PASS"


def make_events(count, prefix="bench"):
    """(events, expected final state per call): 20 % duplicates, each event up to 50 places
    from where it happened."""
    rng = random.Random(7)
    ncalls = max(1, int(count * 0.8) // 4)
    base = 1795428000
    unique, expected = [], {}
    for c in range(ncalls):
        call_id = f"{prefix}-{c}"
        answered = c % 3 != 0
        t = base + c * 10
        unique.append({"call_id": call_id, "event": "ring", "time": t, "from": written(c)})
        unique.append({"call_id": call_id, "event": "ring", "time": t + 1, "extension": "201"})
        if answered:
            unique.append(
                {"call_id": call_id, "event": "answer", "time": t + 5, "extension": "201"}
            )
        unique.append({"call_id": call_id, "event": "hangup", "time": t + 65})
        expected[call_id] = "awaiting_result" if answered else "missed"
    events = unique + rng.sample(unique, count - len(unique))
    keyed = sorted(enumerate(events), key=lambda p: p[0] + rng.uniform(-50, 50))
    return [event for __, event in keyed][:count], expected


def _serve(db):
    """Odoo serving `db` on a free loopback port (threaded, as a small company runs it)."""
    import socket  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        devlib.odoo_args(
            "-d", db, f"--db-filter=^{db}$", "--http-interface=127.0.0.1",
            f"--http-port={port}", "--workers=0", "--log-level=warn", "--max-cron-threads=0",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for __ in range(300):
        try:
            urllib.request.urlopen(f"{url}/web/health", timeout=2).read()
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("the Odoo server did not answer")


def _post(url, body, headers):
    import json  # noqa: PLC0415
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **headers},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _run_clients(clients, jobs):
    """Run `jobs` (callables returning an HTTP status) on `clients` threads; (seconds, bad)."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(lambda job: job(), jobs))
    return time.perf_counter() - started, sum(1 for s in statuses if s != 200)


def _http_setup(registry, stamp):
    """A new PBX (its token) and the bench salesman's API key."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})
        pbx = env["crm.softphone.pbx"].create(
            {"name": f"Bench HTTP PBX {stamp}", "kind": "webhook",
             "country_id": env.ref("base.ru").id}
        )  # fmt: skip
        pbx.action_generate_token()
        user = env["res.users"].search([("login", "=", "bench_softphone_api")]) or env[
            "res.users"
        ].create(
            {"name": "Bench API Salesman", "login": "bench_softphone_api",
             "group_ids": [(6, 0, env.ref("sales_team.group_sale_salesman").ids)]}
        )  # fmt: skip
        key = (
            env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc", name="bench", expiration_date=datetime.now() + timedelta(hours=2)
            )
        )
        pbx_id, token = pbx.id, pbx.token
        cr.commit()
    return pbx_id, token, key


def _http_check(registry, pbx_id, expected):
    """(lost, doubled, wrong state) of the calls of the PBX; its calls and the JSON-2 side's
    interactions deleted."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})
        made = (
            env["crm.interaction"]
            .with_context(active_test=False)
            .search([("softphone_pbx_id", "=", pbx_id)])
        )
        got = {c.call_uid: c.call_state for c in made}
        lost = len(set(expected) - set(got))
        doubled = len(made) - len(got)
        wrong = sum(1 for k, v in expected.items() if got.get(k) != v)
        created = env["crm.interaction"].search(
            [("create_uid.login", "=", "bench_softphone_api"), ("name", "=like", "Call http%")]
        )
        (made | created).activity_ids.unlink()
        (made | created).unlink()
        env["crm.softphone.pbx"].browse(pbx_id).unlink()
        cr.commit()
    return lost, doubled, wrong


def bench_http(registry, args):
    """Ingestion over HTTP as the agent posts it, against JSON-2 creates, same clients: in
    --repeat rounds (new calls, a new PBX each), the two sides one after the other, the
    side that goes first alternating; the ratio is the median of the rounds'."""
    from odoo.addons.crm_softphone.controllers.main import TOKEN_HEADER  # noqa: PLC0415

    server, url = _serve(args.db)
    rounds, faults = [], [0] * 5  # lost, doubled, wrong, refused ours, refused JSON-2
    try:
        # round 0, not counted: a small one that warms the new server up for both sides
        for turn in range(args.repeat + 1):
            stamp = f"{int(time.time())}r{turn}"
            count = args.events if turn else max(100, args.events // 10)
            events, expected = make_events(count, prefix=f"http{stamp}")
            pbx_id, token, key = _http_setup(registry, stamp)
            endpoint = f"{url}/crm_softphone/pbx/{pbx_id}/events"
            create = f"{url}/json/2/crm.interaction/create"
            values = [
                {"name": f"Call {e['call_id']}", "kind": "call", "phone": e.get("from") or False}
                for e in events
            ]
            ours_headers = {TOKEN_HEADER: token}
            native_headers = {"Authorization": f"Bearer {key}"}
            sides = {
                "ours": [
                    partial(_post, endpoint, {"events": events[i : i + 100]}, ours_headers)
                    for i in range(0, len(events), 100)
                ],
                "native": [
                    partial(_post, create, {"vals_list": values[i : i + 100]}, native_headers)
                    for i in range(0, len(values), 100)
                ],
            }
            took = {}
            for name in ("ours", "native") if turn % 2 else ("native", "ours"):
                took[name] = _run_clients(args.clients, sides[name])
            checked = _http_check(registry, pbx_id, expected)
            for i, fault in enumerate((*checked, took["ours"][1], took["native"][1])):
                faults[i] += fault
            if not turn:
                continue
            rounds.append((len(events) / took["ours"][0], len(events) / took["native"][0]))
            log(f"  round {turn}: ours {rounds[-1][0]:,.0f} events/s, JSON-2 "
                f"{rounds[-1][1]:,.0f} interactions/s, {rounds[-1][0] / rounds[-1][1]:.2f}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)
    ratio = statistics.median(o / n for o, n in rounds)
    lost, doubled, wrong, ours_bad, native_bad = faults
    ok = not any(faults)
    verdict = "PASS" if ok and ratio >= 0.8 else ("OVER" if ok else "FAIL")
    log(
        f"HTTP ingestion of {args.events:,} events ({len(expected):,} calls) by {args.clients} "
        f"clients, {len(rounds)} rounds: ours {statistics.median(o for o, __ in rounds):,.0f} "
        f"events/s, JSON-2 creates {statistics.median(n for __, n in rounds):,.0f} "
        f"interactions/s; ours/JSON-2 rate {ratio:.2f} (target >= 0.8); refused batches "
        f"{ours_bad} / {native_bad}; lost {lost}, doubled {doubled}, wrong state {wrong}: "
        f"{verdict}"
    )
    return verdict == "PASS"


def bench_ingest(env, args):
    from odoo.addons.crm_softphone.pure import calls  # noqa: PLC0415

    pbx = env["crm.softphone.pbx"].create(
        {"name": "Bench ingest PBX", "kind": "webhook", "country_id": env.ref("base.ru").id}
    )
    events, expected = make_events(args.events)
    ncalls = len(expected)
    unique = {(e["call_id"], e["event"], e["time"]) for e in events}
    checked = [calls.check_event(e) for e in events]
    batches = [checked[i : i + 100] for i in range(0, len(checked), 100)]
    cr = env.cr
    cr.execute("SAVEPOINT bench_ingest")
    started = time.perf_counter()
    for batch in batches:
        pbx.softphone_ingest(batch)
    env.flush_all()
    ours = time.perf_counter() - started
    got = {
        c.call_uid: c.call_state
        for c in env["crm.interaction"].search([("softphone_pbx_id", "=", pbx.id)])
    }
    lost = len(set(expected) - set(got))
    doubled = env["crm.interaction"].search_count([("softphone_pbx_id", "=", pbx.id)]) - len(got)
    wrong = sum(1 for k, v in expected.items() if got.get(k) != v)
    cr.execute("ROLLBACK TO SAVEPOINT bench_ingest")
    env.invalidate_all()
    Interaction = env["crm.interaction"].with_context(
        mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
    )
    cr.execute("SAVEPOINT bench_native")
    started = time.perf_counter()
    for i in range(0, len(events), 100):
        Interaction.create(
            [
                {"name": f"Call {e['call_id']}", "kind": "call", "user_id": False,
                 "phone": e.get("from")}
                for e in events[i : i + 100]
            ]
        )  # fmt: skip
    env.flush_all()
    native = time.perf_counter() - started
    cr.execute("ROLLBACK TO SAVEPOINT bench_native")
    env.invalidate_all()
    ok = not lost and not doubled and not wrong
    log(
        f"ingestion of {len(events):,} events ({len(unique):,} distinct, {ncalls:,} calls, "
        f"shuffled): ours {len(events) / ours:,.0f} events/s, plain creates "
        f"{len(events) / native:,.0f} interactions/s (ours/native time {ours / native:.2f}); "
        f"lost {lost}, doubled {doubled}, wrong state {wrong}: {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main(argv=None):
    args = parse_args(argv)
    if not devlib.odoo_importable():
        sys.exit(f"Odoo is not importable by {sys.executable}: run it with ./dev py")
    import odoo  # noqa: PLC0415
    import odoo.init  # noqa: PLC0415

    devlib.pg_start()
    prepare(args)
    registry = open_registry(args.db)
    ok = True
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})
        if args.only in (None, "lookup"):
            size = build_partners(env, args.partners)
            ok &= bench_lookup(env, args, size)
            cr.commit()
        if args.only in (None, "ingest"):
            ok &= bench_ingest(env, args)
            cr.rollback()
    if args.only in (None, "http"):
        ok &= bench_http(registry, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
