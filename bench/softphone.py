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
   Target: ours <= 1.2 x exact, and every caller found.
2. Ingestion of E events (default 10,000: 20 % duplicates, shuffled) through the endpoint's
   merge (`softphone_ingest`, batches of 100 as the agent sends them), against plain creates
   of as many interactions in batches of 100 (what a JSON-2 `create` call does, without the
   HTTP layer in both cases). Checks: every call once, in its right final state.

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
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", choices=("lookup", "ingest"))
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

    def exact():
        for e164 in e164s:
            Partner.search([("phone_e164", "=", e164)], limit=20).ids  # noqa: B018

    def exact_sql():
        for e164 in e164s:
            env.cr.execute(
                "SELECT id FROM res_partner WHERE phone_e164 = %s AND active LIMIT 20", [e164]
            )
            env.cr.fetchall()

    found = []

    def ours():
        found.clear()
        for raw in raws:
            found.append(pbx._softphone_match(raw)[1].ids)

    def native():
        for raw in raws[: args.native_lookups]:
            Partner.search([("phone_mobile_search", "=", raw)], limit=20).ids  # noqa: B018

    times = {"exact": [], "exact_sql": [], "ours": [], "native": []}
    for __ in range(args.repeat):
        for name, func in (("exact", exact), ("exact_sql", exact_sql), ("ours", ours)):
            env.invalidate_all()
            started = time.perf_counter()
            func()
            times[name].append((time.perf_counter() - started) / len(raws))
    env.invalidate_all()
    started = time.perf_counter()
    native()
    times["native"].append((time.perf_counter() - started) / args.native_lookups)
    missing = sum(1 for ids in found if not ids)
    wrong = sum(
        1 for i, ids in zip(sample, found, strict=False) if i in expected and expected[i] not in ids
    )
    exact_ms = statistics.median(times["exact"]) * 1000
    ours_ms = statistics.median(times["ours"]) * 1000
    native_ms = times["native"][0] * 1000
    sql_ms = statistics.median(times["exact_sql"]) * 1000
    ratio = ours_ms / exact_ms
    verdict = "PASS" if ratio <= 1.2 and not missing and not wrong else "OVER"
    log(
        f"lookup over {size:,} partners, {len(raws)} callers: exact {exact_ms:.3f} ms "
        f"(ORM search; bare SQL {sql_ms:.3f} ms, ours/SQL {ours_ms / sql_ms:.2f}), "
        f"ours {ours_ms:.3f} ms, native {native_ms:.1f} ms per lookup; "
        f"ours/exact {ratio:.2f} (target <= 1.2), native/ours {native_ms / ours_ms:.0f}x; "
        f"not found {missing}, wrong {wrong}: {verdict}"
    )
    return verdict == "PASS"


def bench_ingest(env, args):
    from odoo.addons.crm_softphone.pure import calls  # noqa: PLC0415

    rng = random.Random(7)
    ncalls = max(1, int(args.events * 0.8) // 4)
    pbx = env["crm.softphone.pbx"].create(
        {"name": "Bench ingest PBX", "kind": "webhook", "country_id": env.ref("base.ru").id}
    )
    base = 1795428000
    unique, expected = [], {}
    for c in range(ncalls):
        call_id = f"bench-{c}"
        answered = c % 3 != 0
        t = base + c * 10
        unique.append({"call_id": call_id, "event": "ring", "time": t, "from": written(c)})
        unique.append({"call_id": call_id, "event": "ring", "time": t + 1, "extension": "201"})
        if answered:
            unique.append(
                {"call_id": call_id, "event": "answer", "time": t + 5, "extension": "201"}
            )
        unique.append({"call_id": call_id, "event": "hangup", "time": t + 65})
        expected[call_id] = "awaiting_result" if answered else "done"
    events = unique + rng.sample(unique, args.events - len(unique))  # 20 % duplicates
    # reordering: each event moves up to 50 places from where it happened
    keyed = sorted(enumerate(events), key=lambda p: p[0] + rng.uniform(-50, 50))
    events = [event for __, event in keyed][: args.events]
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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
