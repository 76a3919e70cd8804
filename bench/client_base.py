#!/usr/bin/env python3
"""Benchmark of crm_client_base: the client indicators and the ABC/XYZ/RFM classification of
every client, against the same figures by a native `_read_group` per partner.

    ./dev py bench/client_base.py [--db bench_client_base] [--clients 10000]
                                  [--lines 100000] [--full] [--repeat 3] [--native-sample N]

The database (default bench_client_base) is created once with crm_client_base and kept: the
clients (companies, each with one of ten salesmen responsible) and the posted customer
invoices and credit notes (two product lines each, 1 in 20 a credit note, over the last 18
months) are inserted by SQL the first time, topped up when a larger size is asked
(`--full`: 100,000 clients over 1,000,000 invoice lines; default 10,000 over 100,000).

A first refresh and classification ("the first night", when every client's first alert
episode raises its activity) runs once and is committed, its time printed apart; then both
sides run as the consultant (a sales administrator: the user who would run them, the
record rules on), in a transaction rolled back after each repetition:
- ours: `crm.client.class.settings.action_refresh_indicators()` (the sales, interests and
  interactions figures of every client, one SQL statement per group, and the alerts) then
  `action_classify()` (one classification run: ABC by turnover and gross profit, XYZ, RFM, one
  line per client);
- native: per client, `account.move._read_group` of his invoices by day (order count, last
  purchase, usual interval) and `account.move.line._read_group` of his invoice lines and of
  his credit-note lines by day and product (turnover, cost, monthly turnover, quarters), then
  the same classes from those figures with the same pure functions. Native reads about 30
  clients a second here, so only `--native-sample N` clients (default 1,000; 0 for all) are
  read natively and its time is scaled to all clients (printed so; on 10,000 clients the
  whole native side took 340 s against 1.7 s for ours).
The figures of ours and native are compared client by client (turnover, cost, orders, last
purchase) before timing. Target: ours / native at most 0.2. Exit code 0 when it holds.
"""

import argparse
import importlib
import json
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import devlib  # noqa: E402

ADDON = "crm_client_base"
PARAM = "crm_client_base_bench.fixtures"
QUIET = ("--http-interface=127.0.0.1",)
SALESMEN = 10
PRODUCTS = 20


def log(msg):
    print(f"[bench] {msg}", flush=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="bench_client_base")
    p.add_argument("--clients", type=int, default=10_000)
    p.add_argument("--lines", type=int, default=100_000)
    p.add_argument("--full", action="store_true", help="100,000 clients, 1,000,000 lines")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument(
        "--native-sample",
        type=int,
        default=1_000,
        help="clients read natively, the time scaled to all (0: every client)",
    )
    args = p.parse_args(argv)
    if args.full:
        args.clients, args.lines = 100_000, 1_000_000
    return args


def prepare(db):
    import subprocess  # noqa: PLC0415

    # a kept database is updated to the code of this checkout first (its tables follow)
    exists = devlib.db_exists(db)
    log(f"{'updating' if exists else 'creating'} database {db} with {ADDON}")
    res = subprocess.run(
        devlib.odoo_args(
            "-d", db, "-u" if exists else "-i", ADDON, "--stop-after-init", "--log-level=warn",
            *QUIET,
        ),
        check=False,
    )  # fmt: skip
    if res.returncode:
        sys.exit("install failed")


def open_registry(db):
    import threading  # noqa: PLC0415

    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [*devlib.odoo_args()[4:], "-d", db, "--log-level=warn", *QUIET], setup_logging=True
    )
    threading.current_thread().dbname = db
    return Registry(db)


def fixtures(env):
    """The consultant, ten salesmen, products with a cost: created once."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)
    if raw:
        return json.loads(raw)
    groups = env.ref("sales_team.group_sale_salesman")
    salesmen = env["res.users"].create(
        [
            {"name": f"Bench salesman {i}", "login": f"bench_cb_salesman_{i}",
             "group_ids": [(6, 0, groups.ids)]}
            for i in range(SALESMEN)
        ]
    )  # fmt: skip
    consultant = env["res.users"].create(
        {
            "name": "Bench consultant",
            "login": "bench_cb_consultant",
            "group_ids": [(6, 0, env.ref("sales_team.group_sale_manager").ids)],
        }
    )
    products = env["product.product"].create(
        [
            {"name": f"Bench product {i}", "list_price": 100 + 10 * i,
             "standard_price": 60 + 5 * i}
            for i in range(PRODUCTS)
        ]
    )  # fmt: skip
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    account = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", env.company.ids)], limit=1
    )
    ids = {
        "salesmen": salesmen.ids,
        "consultant": consultant.id,
        "products": products.ids,
        "journal": journal.id,
        "account": account.id,
        "clients": 0,
        "lines": 0,
    }
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
    env.cr.commit()
    return ids


def build(env, ids, clients, lines):
    """Insert the clients and the invoices by SQL, up to the sizes asked (kept for next run)."""
    from odoo.tools import SQL  # noqa: PLC0415

    cr = env.cr
    company = env.company
    if ids["clients"] < clients:
        log(f"inserting bench clients {ids['clients']:,} -> {clients:,}")
        started = time.perf_counter()
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, is_company, active, type,
                                         user_id, autopost_bills, create_date, write_date)
                SELECT 'Bench client ' || g, 'Bench client ' || g, true, true, 'contact',
                       (%(salesmen)s::int[])[1 + g %% %(n)s], 'ask', now(), now()
                  FROM generate_series(%(start)s, %(stop)s) g
                """,
                salesmen=ids["salesmen"],
                n=SALESMEN,
                start=ids["clients"],
                stop=clients - 1,
            )
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id"
            " WHERE commercial_partner_id IS NULL AND name LIKE 'Bench client %'"
        )
        ids["clients"] = clients
        log(f"  in {time.perf_counter() - started:.0f} s")
    if ids["lines"] < lines:
        log(f"inserting bench invoice lines {ids['lines']:,} -> {lines:,}")
        started = time.perf_counter()
        first, last = ids["lines"] // 2, lines // 2 - 1
        cr.execute(
            SQL(
                """
                WITH clients AS (
                    SELECT array_agg(id ORDER BY id) AS ids FROM res_partner
                     WHERE name LIKE 'Bench client %%'
                )
                INSERT INTO account_move (name, move_type, state, date, invoice_date,
                                          partner_id, commercial_partner_id, company_id,
                                          journal_id, currency_id, auto_post,
                                          create_date, write_date)
                SELECT 'BENCH/' || g, CASE WHEN g %% 20 = 7 THEN 'out_refund'
                                           ELSE 'out_invoice' END,
                       'posted', day, day, p, p, %(company)s, %(journal)s, %(currency)s, 'no',
                       now(), now()
                  FROM clients, generate_series(%(first)s::bigint, %(last)s::bigint) g,
                       LATERAL (SELECT clients.ids[
                                         (1 + (g * 7919) %% array_length(clients.ids, 1))::int
                                       ] AS p,
                                       current_date - ((g * 37 + (g / 13) * 11) %% 540)::int
                                         AS day) x
                """,
                company=company.id,
                journal=ids["journal"],
                currency=company.currency_id.id,
                first=first,
                last=last,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO account_move_line (move_id, partner_id, company_id, journal_id,
                       account_id, currency_id, company_currency_id, display_type,
                       parent_state, date, invoice_date, product_id, quantity, price_unit,
                       balance, amount_currency, debit, credit, create_date, write_date)
                SELECT m.id, m.partner_id, m.company_id, m.journal_id, %(account)s,
                       m.currency_id, m.currency_id, 'product', 'posted', m.date,
                       m.invoice_date, (%(products)s::int[])[1 + (m.id * 3 + k) %% %(np)s],
                       q, price,
                       sign * q * price, sign * q * price,
                       GREATEST(sign * q * price, 0), GREATEST(-sign * q * price, 0),
                       now(), now()
                  FROM account_move m
                  CROSS JOIN generate_series(1, 2) k,
                  LATERAL (SELECT 1 + (m.id * k) %% 9 AS q, 100 + (m.id %% 50) * 10 AS price,
                                  CASE WHEN m.move_type = 'out_refund' THEN 1 ELSE -1 END
                                    AS sign) x
                 WHERE m.name LIKE 'BENCH/%%'
                   AND substr(m.name, 7)::int BETWEEN %(first)s AND %(last)s
                """,
                account=ids["account"],
                products=ids["products"],
                np=PRODUCTS,
                first=first,
                last=last,
            )
        )
        ids["lines"] = lines
        log(f"  in {time.perf_counter() - started:.0f} s")
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
    cr.commit()
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    cr.commit()


def _timed(env, call):
    env.cr.execute("SAVEPOINT bench")
    env.invalidate_all()
    started = time.perf_counter()
    result = call()
    env.flush_all()
    elapsed = time.perf_counter() - started
    return elapsed, result


def _rollback(env):
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()


def ours(me):
    settings = me["crm.client.class.settings"]._for_company(me.company).with_env(me)
    settings.action_refresh_indicators()
    settings.action_classify()


def native(me, partner_ids, today, cc):
    """The same figures per client by `_read_group`, and the same classes."""
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415

    settings = me["crm.client.class.settings"]._for_company(me.company)
    date_from = today - relativedelta(months=settings.period_months)
    q_last, q_previous, q_current = cc.quarter_bounds(today)
    class_to = today.replace(day=1) - timedelta(days=1)
    class_from = class_to.replace(day=1) - relativedelta(months=settings.period_months - 1)
    start = min(date_from, q_previous, class_from)
    Move, Line = me["account.move"], me["account.move.line"]
    Product = me["product.product"]
    costs = {p.id: p.standard_price for p in Product.search([])}
    company = me.company.id
    figures, clients = {}, {}
    months = len(cc.month_starts(class_from, class_to))
    for partner_id in partner_ids:
        base = [
            ("commercial_partner_id", "=", partner_id),
            ("company_id", "=", company),
            ("state", "=", "posted"),
            ("invoice_date", ">=", start),
            ("invoice_date", "<=", today),
        ]
        # the invoice days ever: the last purchase is the last ever, the others the period's
        days = [
            day
            for (day,) in Move._read_group(
                [*base[:3], ("invoice_date", "<=", today), ("move_type", "=", "out_invoice")],
                ["invoice_date:day"],
            )
        ]
        period_days = [d for d in days if d >= date_from]
        class_days = [d for d in days if class_from <= d <= class_to]
        amounts = {}  # day -> (amount, cost)
        for move_type, sign in (("out_invoice", 1), ("out_refund", -1)):
            for day, product, balance, quantity in Line._read_group(
                [
                    ("partner_id", "=", partner_id),
                    ("company_id", "=", company),
                    ("parent_state", "=", "posted"),
                    ("move_id.move_type", "=", move_type),
                    ("display_type", "=", "product"),
                    ("invoice_date", ">=", start),
                    ("invoice_date", "<=", today),
                ],
                ["invoice_date:day", "product_id"],
                ["balance:sum", "quantity:sum"],
            ):
                amount, cost = amounts.get(day, (0.0, 0.0))
                amounts[day] = (
                    amount - balance,
                    cost + sign * quantity * costs.get(product.id, 0.0),
                )

        def total(lo, hi, index, amounts=amounts):
            return sum(v[index] for d, v in amounts.items() if lo <= d <= hi)

        figures[partner_id] = {
            "turnover": total(date_from, today, 0),
            "cost": total(date_from, today, 1),
            "orders": len(period_days),
            "last_date": max(days) if days else None,
            "interval": cc.usual_interval(period_days),
            "quarter": total(q_last, q_current - timedelta(days=1), 0),
            "previous": total(q_previous, q_last - timedelta(days=1), 0),
        }
        monthly = {}
        for day, (amount, _cost) in amounts.items():
            if class_from <= day <= class_to:
                key = (day.year, day.month)
                monthly[key] = monthly.get(key, 0.0) + amount
        if monthly:
            turnover = total(class_from, class_to, 0)
            clients[partner_id] = {
                "turnover": turnover,
                "profit": turnover - total(class_from, class_to, 1),
                "orders": len(class_days),
                "last_date": max(class_days) if class_days else None,
                "monthly": list(monthly.values()) + [0.0] * (months - len(monthly)),
            }
    thresholds = {
        "a": settings.abc_a,
        "b": settings.abc_b,
        "x": settings.xyz_x,
        "y": settings.xyz_y,
    }
    return figures, cc.classify(clients, thresholds, class_to)


def compare(me, figures):
    """Ours against native, client by client: the problems found."""
    problems = []
    rows = {
        ind.partner_id.id: ind
        for ind in me["crm.client.indicator"].search(
            [("partner_id", "in", list(figures)), ("company_id", "=", me.company.id)]
        )
    }
    for partner_id, fig in figures.items():
        ind = rows.get(partner_id)
        got = (
            (ind.turnover, ind.cost, ind.order_count, ind.last_order_date or None)
            if ind
            else (0.0, 0.0, 0, None)
        )
        want = (fig["turnover"], fig["cost"], fig["orders"], fig["last_date"])
        if any(abs(a - b) > 0.01 for a, b in zip(got[:2], want[:2], strict=True)) or (
            got[2:] != want[2:]
        ):
            problems.append(f"client {partner_id}: ours {got}, native {want}")
    return problems


def main(argv=None):
    args = parse_args(argv)
    devlib.pg_start()
    prepare(args.db)
    registry = open_registry(args.db)
    import odoo  # noqa: PLC0415
    from odoo import fields  # noqa: PLC0415

    cc = importlib.import_module("odoo.addons.crm_client_base.pure.client_classes")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = fixtures(env)
        build(env, ids, args.clients, args.lines)
        consultant = env["res.users"].browse(ids["consultant"])
        me = env(user=consultant.id, context={"lang": consultant.lang, "tz": "UTC"})
        today = fields.Date.context_today(me["res.partner"])
        cr.execute(
            "SELECT id FROM res_partner WHERE name LIKE 'Bench client %%' ORDER BY id LIMIT %s",
            [args.clients],
        )
        partner_ids = [r[0] for r in cr.fetchall()]
        sample = partner_ids
        if args.native_sample and args.native_sample < len(partner_ids):
            sample = random.Random(5).sample(partner_ids, args.native_sample)
        cr.execute(
            "SELECT count(*) FROM account_move_line aml JOIN account_move am"
            " ON am.id = aml.move_id WHERE am.name LIKE 'BENCH/%%'"
        )
        log(f"{len(partner_ids):,} clients, {cr.fetchone()[0]:,} invoice lines")
        # the first night, kept: the alerts of every client in his first episode are raised
        # then (one activity each); the measured nights raise only the new episodes
        if ids.get("night", 0) < len(partner_ids):
            cr.execute("SELECT count(*) FROM mail_activity")
            before = cr.fetchone()[0]
            started = time.perf_counter()
            ours(me)
            me.flush_all()
            elapsed = time.perf_counter() - started
            cr.execute("SELECT count(*) FROM mail_activity")
            log(
                f"first night (committed): ours {elapsed:.2f} s, "
                f"{cr.fetchone()[0] - before:,} alert activities raised"
            )
            ids["night"] = len(partner_ids)
            env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
            cr.commit()
        # check the figures once
        figures, __ = native(me, sample[:1000], today, cc)
        problems = compare(me, figures)
        me.invalidate_all()
        if problems:
            log(f"{len(problems)} clients differ, e.g. " + "; ".join(problems[:5]))
            return 1
        log(f"figures of {len(figures):,} clients identical (ours vs native)")
        ours_times, native_times = [], []
        for i in range(args.repeat):
            order = ("ours", "native") if i % 2 == 0 else ("native", "ours")
            for side in order:
                if side == "ours":
                    elapsed, __ = _timed(me, lambda: ours(me))
                    ours_times.append(elapsed)
                else:
                    elapsed, __ = _timed(me, lambda: native(me, sample, today, cc))
                    native_times.append(elapsed * len(partner_ids) / len(sample))
                _rollback(me)
            log(
                f"repetition {i + 1}: ours {ours_times[-1]:.2f} s, native "
                f"{native_times[-1]:.2f} s"
                + ("" if sample is partner_ids else f" (scaled from {len(sample):,} clients)")
            )
        cr.rollback()
    ours_s, native_s = statistics.median(ours_times), statistics.median(native_times)
    ratio = ours_s / native_s
    log(
        f"{len(partner_ids):,} clients: ours {ours_s:.2f} s, native {native_s:.2f} s, "
        f"ours / native {ratio:.3f} (target <= 0.2)"
    )
    return 0 if ratio <= 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
