#!/usr/bin/env python3
"""Benchmarks of crm_interest against the native Odoo operation each one competes with.

    python3 bench/run.py [--interests N] [--funnel-interests N] [--repeat K] [--only NAME]
                         [--rebuild] [--db NAME] [--verbose] [--markdown]

Builds (or reuses) the benchmark database on the project-local PostgreSQL, then times our
operation and the native one alternately in this process, K repetitions each, and prints
one line per benchmark: name, size, native median, ours median, ratio ours/native, target,
PASS/OVER. See bench/README.md.
"""

import argparse
import cProfile
import gc
import hashlib
import io
import os
import platform
import pstats
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from tools import devlib  # noqa: E402

BENCHMARKS = ("create", "funnel", "control")
ADDON = "crm_interest,crm_interaction"  # the addons measured (Odoo -i / -u list)
QUIET = ("--http-interface=127.0.0.1",)  # no HTTP server runs; silences Odoo's warning


def log(msg):
    print(f"[bench] {msg}", flush=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--interests", type=int, default=10_000, help="interests created per repetition"
    )
    parser.add_argument(
        "--funnel-interests", type=int, default=200_000, help="interests in the funnel"
    )
    parser.add_argument("--repeat", type=int, default=5, help="repetitions (median)")
    parser.add_argument("--only", choices=BENCHMARKS, help="run this benchmark only")
    parser.add_argument(
        "--control-partners",
        type=int,
        default=100_000,
        help="partners scanned by the control wizard (default 100,000)",
    )
    parser.add_argument(
        "--estimate-interests",
        type=int,
        default=10_000,
        help="open interests whose probability estimate is refreshed (default 10,000)",
    )
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database")
    parser.add_argument("--db", default="bench_crm_interest", help="database (bench_*)")
    parser.add_argument("--batch", type=int, default=2_000, help="build batch size")
    parser.add_argument("--no-manager", action="store_true", help="funnel as superuser only")
    parser.add_argument("--verbose", action="store_true", help="print every repetition")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument(
        "--profile", action="store_true", help="then profile one run of ours (cProfile, top 30)"
    )
    args = parser.parse_args(argv)
    if not args.db.startswith("bench_"):
        parser.error("--db must start with bench_ (the machine is shared)")
    if min(args.interests, args.funnel_interests, args.repeat, args.batch) < 1:
        parser.error("sizes, --repeat and --batch must be positive")
    return args


# --------------------------------------------------------------------------- database


def _param(db, key):
    try:
        return devlib.psql(f"SELECT value FROM ir_config_parameter WHERE key = '{key}'", db)
    except subprocess.CalledProcessError:
        return ""


def code_hash():
    """Fingerprint of the addon's files: a database built from other code gets updated."""
    digest = hashlib.sha1()
    paths = [p for name in ADDON.split(",") for p in (devlib.ROOT / name).rglob("*")]
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(devlib.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _odoo(db, *extra):
    started = time.perf_counter()
    res = subprocess.run(
        devlib.odoo_args("-d", db, *extra, "--stop-after-init", "--log-level=warn", *QUIET),
        check=False,
    )
    return res.returncode, time.perf_counter() - started


def prepare_database(args, wanted):
    """Make sure `args.db` holds crm_interest; drop it when it cannot be reused."""
    from dataset import PARAM_CODE, PARAM_FIXTURES, PARAM_FUNNEL_SIZE  # noqa: PLC0415

    db = args.db
    if devlib.db_exists(db):
        reason = None
        built = _param(db, PARAM_FUNNEL_SIZE)
        if args.rebuild:
            reason = "--rebuild"
        elif not _param(db, PARAM_FIXTURES):
            reason = "it has no benchmark fixtures (an interrupted install?)"
        elif "funnel" in wanted and int(built or 0) > args.funnel_interests:
            reason = f"it holds {int(built):,} funnel interests, {args.funnel_interests:,} wanted"
        if reason is None:
            log(f"reusing database {db} ({int(built or 0):,} funnel interests)")
            if _param(db, PARAM_CODE) != code_hash():
                log(f"  {ADDON} changed since: updating it (-u {ADDON})")
                code, seconds = _odoo(db, "-i", ADDON, "-u", ADDON)
                if code:
                    sys.exit(f"updating {ADDON} in {db} failed (exit {code}); try --rebuild")
                log(f"  updated in {seconds:.0f} s")
                _set_code_hash(db)
            return
        log(f"dropping database {db}: {reason}")
        devlib.drop_db(db)
    log(f"creating database {db}: installing {ADDON} without demo data")
    code, seconds = _odoo(db, "-i", ADDON)
    if code:
        devlib.drop_db(db)
        sys.exit(f"installing {ADDON} in {db} failed (exit {code})")
    log(f"  installed in {seconds:.0f} s")
    _set_code_hash(db)


def _set_code_hash(db):
    from dataset import PARAM_CODE  # noqa: PLC0415

    devlib.psql(
        "INSERT INTO ir_config_parameter (key, value) VALUES "
        f"('{PARAM_CODE}', '{code_hash()}') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        db,
    )


def open_registry(db):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [*devlib.odoo_args()[4:], "-d", db, "--log-level=warn", *QUIET], setup_logging=True
    )
    threading.current_thread().dbname = db
    return Registry(db)


# --------------------------------------------------------------------------- timing


def _timed(env, func):
    env.invalidate_all()
    gc.collect()
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def measure(env, case, repeat, verbose=False):
    """Time case.native and case.ours alternately; every repetition is rolled back."""
    cr = env.cr
    for func in case.warmup or (case.native, case.ours):
        func()
        cr.rollback()
    times = {"native": [], "ours": []}
    for rep in range(repeat):
        order = [("native", case.native), ("ours", case.ours)]
        if rep % 2:
            order.reverse()  # neither side always runs first
        for key, func in order:
            try:
                times[key].append(_timed(env, func))
            finally:
                cr.rollback()
                env.invalidate_all()
        if verbose:
            log(
                f"  {case.name} #{rep + 1}: native {times['native'][-1]:.3f} s, "
                f"ours {times['ours'][-1]:.3f} s"
            )
    native = statistics.median(times["native"])
    ours = statistics.median(times["ours"])
    return {
        "name": case.name,
        "size": case.size,
        "native": native,
        "ours": ours,
        "ratio": ours / native if native else float("inf"),
        "target": case.target,
        "note": case.note,
    }


def profile(env, case):
    """One more run of ours under cProfile (rolled back): where its time goes."""
    profiler = cProfile.Profile()
    env.invalidate_all()
    try:
        profiler.runcall(case.ours)
    finally:
        env.cr.rollback()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(30)
    log(f"profile of ours in {case.name} (cumulative, top 30):")
    print(out.getvalue(), flush=True)


# --------------------------------------------------------------------------- main


def main(argv=None):
    args = parse_args(argv)
    if not devlib.odoo_importable():
        sys.exit(f"Odoo is not importable by {sys.executable}: see README.md, Prerequisites")
    import odoo.init  # noqa: PLC0415  (Odoo's start-up: patches, shortcuts)

    wanted = (args.only,) if args.only else BENCHMARKS
    devlib.pg_start()
    prepare_database(args, wanted)

    import cases  # noqa: PLC0415
    import dataset  # noqa: PLC0415

    import odoo  # noqa: PLC0415

    registry = open_registry(args.db)
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.api.SUPERUSER_ID, {})
        fx = dataset.Fixtures.load(env)
        if fx is None:
            log("creating the benchmark fixtures")
            fx = dataset.Fixtures.create(env)
            env.flush_all()
            cr.commit()
        if "funnel" in wanted and dataset.funnel_size(env) < args.funnel_interests:
            dataset.build_funnel(env, fx, args.funnel_interests, args.batch)
            log("VACUUM ANALYZE")
            devlib.psql("VACUUM ANALYZE", args.db)
        cr.rollback()
        log(
            f"measuring: {args.repeat} repetitions each, native and ours alternately, "
            "each rolled back"
        )
        selected = []
        if "create" in wanted:
            selected.append(cases.create_case(env, fx, args.interests))
        if "funnel" in wanted:
            selected.append(cases.funnel_case(env, fx, args.funnel_interests))
            selected.append(cases.funnel_case(env, fx, args.funnel_interests, with_days=True))
            selected.append(cases.estimate_case(env, fx, args.estimate_interests))
            if not args.no_manager:
                manager_env = env(user=fx.manager.id)
                selected.append(
                    cases.funnel_case(manager_env, fx, args.funnel_interests, "manager")
                )
        if "control" in wanted:
            selected.append(cases.control_case(env, args.control_partners))
        for case in selected:
            log(f"{case.name}: {case.note}")
            results.append(measure(env, case, args.repeat, args.verbose))
            if args.profile:
                profile(env, case)
        cr.rollback()
    report(results, args)
    return 0 if all(r["ratio"] <= r["target"] for r in results) else 1


def report(results, args):
    header = f"{'benchmark':<16} {'size':>9} {'native':>10} {'ours':>10} {'ratio':>7} {'target':>7}"
    print()
    print(f"{header}  verdict   (median of {args.repeat}, seconds)")
    for r in results:
        verdict = "PASS" if r["ratio"] <= r["target"] else "OVER"
        print(
            f"{r['name']:<16} {r['size']:>9,} {r['native']:>10.3f} {r['ours']:>10.3f} "
            f"{r['ratio']:>7.3f} {r['target']:>7.2f}  {verdict}"
        )
    if args.markdown:
        machine = f"{platform.machine()}, {_cpus()} cores, Python {platform.python_version()}"
        print()
        print(f"Measured {date.today().isoformat()} on {machine}; median of {args.repeat}.")
        print()
        print(
            "| benchmark | size | native median (s) | ours median (s) | ratio | target | verdict |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in results:
            verdict = "PASS" if r["ratio"] <= r["target"] else "OVER"
            print(
                f"| {r['name']} | {r['size']:,} | {r['native']:.3f} | {r['ours']:.3f} | "
                f"{r['ratio']:.3f} | ≤ {r['target']:g} | {verdict} |"
            )


def _cpus():
    return os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
