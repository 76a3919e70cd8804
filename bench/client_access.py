#!/usr/bin/env python3
"""Benchmark of crm_client_access: what a salesman, a head of department and the director
read under the company's client visibility "own department and below", against the same
calls under Odoo's own "own documents" rule.

    ./dev py bench/client_access.py [--db bench_client_access] [--clients 10000]
                                    [--interests 20000] [--full] [--repeat 9] [--explain]

The database (default bench_client_access) is created once with crm_client_access and kept.
A four-level department tree (the director's sales department > 4 regions > 3 offices each >
3 groups each), each department with its head, five salesmen in each group (users with an
employee each), one team per group led by the group's head with its salesmen, a scenario with
five states; the clients (companies, each with a salesperson: a salesman or a head) and the
interests (opportunities of the scenario, the client's salesperson and his team, 30 % in the
first state, 25 % the second, 20 % the third, 10 % the fourth, 15 % won; 40 % of those not won
lost) with their state history are inserted by SQL the first time and topped up when a larger
size is asked (`--full`: 100,000 clients and 200,000 interests; default 10,000 / 20,000).

Each user (a salesman of a group, the head of a region: a level-2 department, and the
director) runs, with the company's visibility set to "department" and the record rules on:
- my sales: `crm.lead.web_search_read` of "My Sales" (the action's domain, its search
  panel's scenario and the "My Sales" filter: his own interests), the list view's fields,
  limit 80, with the count as the list asks it;
- funnel: `crm.lead.interest_funnel_report` of the scenario (crm_interest's funnel report);
- clients: `res.partner.web_search_read` of the companies (the contacts list), limit 80,
  with the count.
Native is the same call by the same user with crm_client_access's record rules switched off
in the same transaction (Odoo's own "own documents" rule, crm_interest's team-leader rule,
and no rule on partners), measured alternately with ours: each call runs once untimed (the
caches the switch cleared: Odoo's, where Odoo keeps its rules and crm_client_access the
reach across requests) and once timed from an empty ORM cache and transaction cache, as a
request starts; the median of `--repeat` timed runs each, with its SQL statements. The rows
each side finds are shown: a head sees his departments' work under ours, his own under native.
Target (issue 24): ours / native at most 1.3 for the salesman's and the head's calls (exit
code 0 when it holds); the director's are shown beside them. `--explain` prints the EXPLAIN
ANALYZE of the slowest statements of ours and native for each call.
"""

import argparse
import gc
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import devlib  # noqa: E402

ADDON = "crm_client_access"
PARAM = "crm_client_access_bench.fixtures"
PARAM_CODE = "crm_client_access_bench.code_hash"  # of the addon last installed or updated
QUIET = ("--http-interface=127.0.0.1",)
REGIONS, OFFICES, GROUPS, SALESMEN = 4, 3, 3, 5  # per director, region, office, group
STATES = ("Primary contact", "Needs analysis", "Commercial offer", "Negotiation", "Won")
TARGET = 1.3
TARGET_USERS = ("salesman", "head (level 2)")  # the target; the director is shown
COUNT_LIMIT = 10_001  # what the web client's list asks (its count limit, 10,000, plus one)


def log(msg):
    print(f"[bench] {msg}", flush=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="bench_client_access")
    p.add_argument("--clients", type=int, default=10_000)
    p.add_argument("--interests", type=int, default=20_000)
    p.add_argument("--full", action="store_true", help="100,000 clients, 200,000 interests")
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE of the queries")
    args = p.parse_args(argv)
    if args.full:
        args.clients, args.interests = 100_000, 200_000
    if not args.db.startswith("bench_"):
        p.error("--db must start with bench_ (the machine is shared)")
    return args


def code_hash():
    """Fingerprint of the addon's files: a database built from other code gets updated."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / ADDON).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare(db):
    """Create the database with the addon, or update the addon when its files changed."""
    import subprocess  # noqa: PLC0415

    if devlib.db_exists(db):
        if devlib.psql(f"SELECT value FROM ir_config_parameter WHERE key = '{PARAM_CODE}'", db) == (
            code_hash()
        ):
            return
        log(f"{ADDON} changed since the last run: updating it (-u {ADDON})")
        step = ("-u", ADDON)
    else:
        log(f"creating database {db} with {ADDON}")
        step = ("-i", ADDON)
    res = subprocess.run(
        devlib.odoo_args("-d", db, *step, "--stop-after-init", "--log-level=warn", *QUIET),
        check=False,
    )
    if res.returncode:
        sys.exit(f"{' '.join(step)} failed")
    devlib.psql(
        "INSERT INTO ir_config_parameter (key, value) VALUES "
        f"('{PARAM_CODE}', '{code_hash()}') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        db,
    )


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
    """The department tree, its people and teams, the scenario: created once."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)
    if raw:
        return json.loads(raw)
    log("creating the department tree, its users, employees and teams")
    started = time.perf_counter()
    env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))
    group = env.ref("sales_team.group_sale_salesman")
    Users, Employee = env["res.users"], env["hr.employee"]
    Department, Team = env["hr.department"], env["crm.team"]
    scenario = env["crm.interest.scenario"].create(
        {"name": "Bench access sale", "process_kind": "manual", "sequence": 0}
    )
    states = env["crm.stage"].create(
        [
            {"name": name, "sequence": 2001 + i, "scenario_id": scenario.id,
             "is_won": i == len(STATES) - 1}
            for i, name in enumerate(STATES)
        ]
    )  # fmt: skip

    def users(names):
        return Users.create(
            [
                {"name": name, "login": f"bench_ca_{name.lower().replace(' ', '_')}",
                 "group_ids": [(6, 0, group.ids)]}
                for name in names
            ]
        )  # fmt: skip

    def department(name, parent, head):
        employee = Employee.create({"name": head.name, "user_id": head.id})
        dep = Department.create(
            {"name": name, "parent_id": parent.id if parent else False,
             "manager_id": employee.id}
        )  # fmt: skip
        employee.department_id = dep
        return dep

    director = users(["Director"])
    top = department("Bench sales", None, director)
    ids = {
        "scenario": scenario.id,
        "states": states.ids,
        "director": director.id,
        "regions": [],  # head ids
        "offices": [],
        "groups": [],
        "salesmen": [],
        "teams": [],
        "sellers": [],  # every user who owns clients, and his team (0: none)
        "seller_teams": [],
        "clients": 0,
        "interests": 0,
    }
    ids["sellers"].append(director.id)
    ids["seller_teams"].append(0)
    for r in range(REGIONS):
        head_r = users([f"Head R{r}"])
        dep_r = department(f"Region {r}", top, head_r)
        ids["regions"].append(head_r.id)
        ids["sellers"].append(head_r.id)
        ids["seller_teams"].append(0)
        for o in range(OFFICES):
            head_o = users([f"Head R{r} O{o}"])
            dep_o = department(f"Office {r}.{o}", dep_r, head_o)
            ids["offices"].append(head_o.id)
            ids["sellers"].append(head_o.id)
            ids["seller_teams"].append(0)
            for g in range(GROUPS):
                head_g = users([f"Head R{r} O{o} G{g}"])
                dep_g = department(f"Group {r}.{o}.{g}", dep_o, head_g)
                salesmen = users([f"Salesman R{r} O{o} G{g} S{s}" for s in range(SALESMEN)])
                Employee.create(
                    [{"name": u.name, "user_id": u.id, "department_id": dep_g.id} for u in salesmen]
                )
                team = Team.create(
                    {
                        "name": f"Team {r}.{o}.{g}",
                        "user_id": head_g.id,
                        "member_ids": [(6, 0, salesmen.ids)],
                        "interest_scenario_id": scenario.id,
                    }
                )
                ids["groups"].append(head_g.id)
                ids["salesmen"].append(salesmen.ids)
                ids["teams"].append(team.id)
                ids["sellers"] += [head_g.id, *salesmen.ids]
                ids["seller_teams"] += [team.id] * (1 + SALESMEN)
    scenario.team_ids = [(6, 0, ids["teams"])]
    env.company.crm_access_scope = "department"
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
    env.cr.commit()
    log(
        f"  {len(ids['sellers'])} users in {1 + REGIONS * (1 + OFFICES * (1 + GROUPS))} "
        f"departments in {time.perf_counter() - started:.0f} s"
    )
    return ids


def build(env, ids, clients, interests):
    """Insert the clients, the interests and their state history by SQL, up to the sizes
    asked (kept for the next run)."""
    from odoo.tools import SQL  # noqa: PLC0415

    cr = env.cr
    company = env.company
    sellers, teams = ids["sellers"], ids["seller_teams"]
    if ids["clients"] < clients:
        log(f"inserting bench clients {ids['clients']:,} -> {clients:,}")
        started = time.perf_counter()
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, is_company, active, type,
                                         partner_share, user_id, create_date, write_date)
                SELECT 'Bench access client ' || g, 'Bench access client ' || g, true, true,
                       'contact', true, (%(sellers)s::int[])[1 + g %% %(n)s], now(), now()
                  FROM generate_series(%(start)s, %(stop)s) g
                """,
                sellers=sellers,
                n=len(sellers),
                start=ids["clients"],
                stop=clients - 1,
            )
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id"
            " WHERE commercial_partner_id IS NULL AND name LIKE 'Bench access client %'"
        )
        env["res.partner"]._crm_access_fill_card_key()
        ids["clients"] = clients
        log(f"  in {time.perf_counter() - started:.0f} s")
    if ids["interests"] < interests:
        log(f"inserting bench interests {ids['interests']:,} -> {interests:,}")
        started = time.perf_counter()
        cr.execute("SELECT COALESCE(max(id), 0) FROM crm_lead")
        (last_id,) = cr.fetchone()
        states = ids["states"]
        cr.execute(
            SQL(
                """
                WITH clients AS (
                    SELECT array_agg(id ORDER BY id) AS ids FROM res_partner
                     WHERE name LIKE 'Bench access client %%'
                ), fate AS (
                    SELECT g, c, created, top,
                           top < 4 AND (g * 13) %% 10 < 4 AS lost,
                           1000 + (g * 7919) %% 99000 AS amount
                      FROM clients, generate_series(%(start)s, %(stop)s) g,
                           LATERAL (SELECT (g * 7919) %% array_length(clients.ids, 1) AS c,
                                           now() - ((g * 31) %% 400 + 30) * interval '1 day'
                                             AS created,
                                           CASE WHEN (g * 37) %% 100 < 30 THEN 0
                                                WHEN (g * 37) %% 100 < 55 THEN 1
                                                WHEN (g * 37) %% 100 < 75 THEN 2
                                                WHEN (g * 37) %% 100 < 85 THEN 3
                                                ELSE 4 END AS top) x
                )
                INSERT INTO crm_lead (name, type, active, user_id, team_id, company_id,
                       partner_id, scenario_id, process_kind, stage_id, furthest_stage_id,
                       won_status, probability, expected_revenue, prorated_revenue, priority,
                       color, date_open, date_last_stage_update, date_closed, create_date,
                       write_date)
                SELECT 'Bench access interest ' || g, 'opportunity', NOT lost,
                       (%(sellers)s::int[])[1 + c %% %(n)s],
                       NULLIF((%(teams)s::int[])[1 + c %% %(n)s], 0), %(company)s,
                       clients.ids[1 + c], %(scenario)s, 'manual',
                       (%(states)s::int[])[1 + top], (%(states)s::int[])[1 + top],
                       CASE WHEN top = 4 THEN 'won' WHEN lost THEN 'lost' ELSE 'pending' END,
                       CASE WHEN top = 4 THEN 100 WHEN lost THEN 0 ELSE 10 + 20 * top END,
                       amount,
                       amount * CASE WHEN top = 4 THEN 100 WHEN lost THEN 0
                                     ELSE 10 + 20 * top END / 100.0,
                       '0', 0, created, created + top * interval '4 days',
                       CASE WHEN top = 4 OR lost THEN created + (top * 4 + 2) * interval '1 day'
                       END,
                       created, created
                  FROM fate, clients
                 ORDER BY g
                """,
                sellers=sellers,
                teams=teams,
                n=len(sellers),
                company=company.id,
                scenario=ids["scenario"],
                states=states,
                start=ids["interests"],
                stop=interests - 1,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO crm_interest_stage_history (lead_id, stage_id, scenario_id,
                       company_id, date_in, date_out, user_id, duration_days, create_date,
                       write_date)
                SELECT l.id, (%(states)s::int[])[1 + k], l.scenario_id, l.company_id,
                       l.create_date + k * interval '4 days',
                       CASE WHEN k < top THEN l.create_date + (k + 1) * interval '4 days' END,
                       l.user_id, CASE WHEN k < top THEN 4 ELSE 0 END, now(), now()
                  FROM crm_lead l,
                       LATERAL (SELECT array_position(%(states)s::int[], l.furthest_stage_id) - 1
                                       AS top) x,
                       generate_series(0, x.top) k
                 WHERE l.id > %(last)s AND l.name LIKE 'Bench access interest %%'
                """,
                states=states,
                last=last_id,
            )
        )
        env["crm.interest.stage.history"]._totals_rebuild()
        env["crm.lead"]._crm_access_fill_client_elsewhere()
        ids["interests"] = interests
        log(f"  in {time.perf_counter() - started:.0f} s")
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(ids))
    cr.commit()
    # as autovacuum keeps a database: fresh statistics, and the visibility map set (a count
    # read from an index alone needs it; rows just inserted have it unset)
    devlib.psql("VACUUM ANALYZE res_partner, crm_lead, crm_interest_stage_history", cr.dbname)


def list_spec(env, model, view_xmlid):
    """The fields the web client reads for the list view `view_xmlid` (its shown columns and
    the invisible ones its expressions use; optional hidden columns left out)."""
    from lxml import etree  # noqa: PLC0415

    Model = env[model]
    views = Model.get_views([(env.ref(view_xmlid).id, "list")])
    arch = etree.fromstring(views["views"]["list"]["arch"])
    spec = {}
    for node in arch.iterchildren("field"):
        if node.get("optional") == "hide":
            continue
        field = Model._fields[node.get("name")]
        if field.type == "properties":
            continue
        spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def my_sales_domain(env, me):
    """The domain of "My Sales" as its action opens: the action's domain, the search panel's
    scenario and the "My Sales" filter."""
    from lxml import etree  # noqa: PLC0415

    from odoo.tools.safe_eval import safe_eval  # noqa: PLC0415

    Lead = me["crm.lead"]
    action = Lead.action_interest_my_sales()
    ctx = {"uid": me.uid}
    domain = list(safe_eval(action["domain"], ctx))
    context = action.get("context") or {}
    if isinstance(context, str):
        context = safe_eval(context, ctx)
    scenario = context.get("searchpanel_default_scenario_id")
    if scenario:
        domain.append(("scenario_id", "=", scenario))
    view = Lead.get_views([(action["search_view_id"][0], "search")])
    arch = etree.fromstring(view["views"]["search"]["arch"])
    node = arch.find(".//filter[@name='assigned_to_me']")
    domain += list(safe_eval(node.get("domain"), ctx))
    return domain


def calls(env, ids, me):
    """{name: call} of the three reads of user `me` (an environment of his)."""
    lead_spec = list_spec(env, "crm.lead", "crm.crm_case_tree_view_oppor")
    partner_spec = list_spec(env, "res.partner", "base.view_partner_tree")
    domain = my_sales_domain(env, me)
    Lead = me["crm.lead"].with_context(default_type="opportunity")
    Partner = me["res.partner"].with_context(default_is_company=True)
    scenario = ids["scenario"]

    def my_sales():
        res = Lead.web_search_read(domain, lead_spec, limit=80, count_limit=COUNT_LIMIT)
        return len(res["records"]), res["length"]

    def funnel():
        res = me["crm.lead"].interest_funnel_report({"scenario_id": scenario})
        totals = res["totals"]
        return totals["entered"], totals["won"] + totals["lost"] + totals["open"]

    def clients():
        res = Partner.web_search_read(
            [("is_company", "=", True)], partner_spec, limit=80, count_limit=COUNT_LIMIT
        )
        return len(res["records"]), res["length"]

    return {"my sales": my_sales, "funnel": funnel, "clients": clients}


def _timed(env, call):
    """Seconds and SQL statements of `call()`, from an empty ORM cache and an empty
    transaction cache (what a new request starts with: crm_client_access keeps the clients
    of the user's interests there for the request, the reach in Odoo's cache)."""
    env.invalidate_all()
    env.cr.cache.clear()
    gc.collect()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    call()
    env.flush_all()
    return time.perf_counter() - started, env.cr.sql_log_count - queries


class Rules:
    """crm_client_access's record rules, switched on (ours) or off (native) in the running
    transaction; writing ir.rule clears the rule cache."""

    def __init__(self, env):
        data = env["ir.model.data"].search([("module", "=", ADDON), ("model", "=", "ir.rule")])
        self.rules = env["ir.rule"].browse(data.mapped("res_id")).with_context(active_test=False)
        self.side = "ours"

    def set(self, side):
        if side != self.side:
            self.rules.write({"active": side == "ours"})
            self.rules.env.flush_all()
            self.side = side


class Explain:
    """The SELECT statements a call runs, then the EXPLAIN ANALYZE of the slowest to plan and
    run (with the rules' subqueries, planning can cost more than running)."""

    def __init__(self, cr):
        self.cr = cr
        self.statements = []

    def __enter__(self):
        from odoo.sql_db import Cursor  # noqa: PLC0415
        from odoo.tools import SQL  # noqa: PLC0415

        self.cls, self.original = Cursor, Cursor.execute
        statements = self.statements

        def execute(cr, query, params=None, log_exceptions=True):
            if isinstance(query, SQL):
                query, params = query.code, query.params
            if query.lstrip().upper().startswith("SELECT") and (
                "crm_lead" in query or "res_partner" in query
            ):
                statements.append((query, params))
            return self.original(cr, query, params, log_exceptions)

        Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        self.cls.execute = self.original

    def report(self, top=2):
        plans = []
        for query, params in self.statements:
            self.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
            lines = [row[0] for row in self.cr.fetchall()]
            ms = sum(
                float(line.split(":")[1].split()[0])
                for line in lines
                if line.startswith(("Planning Time", "Execution Time"))
            )
            plans.append((ms, query, params, lines))
        plans.sort(key=lambda p: -p[0])
        out = []
        for ms, query, params, lines in plans[:top]:
            sql = self.cr.mogrify(query, params).decode()
            out.append(f"--- {ms:.2f} ms planning and execution\n{sql}\n" + "\n".join(lines))
        return "\n".join(out)


def main(argv=None):
    args = parse_args(argv)
    devlib.pg_start()
    prepare(args.db)
    registry = open_registry(args.db)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = fixtures(env)
        build(env, ids, args.clients, args.interests)
        # the department visibility, the client cards restricted too (the company's choice)
        if env.company.crm_access_scope != "department" or not env.company.crm_access_clients:
            env.company.write({"crm_access_scope": "department", "crm_access_clients": True})
            cr.commit()
        cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Bench access client %%'")
        (n_clients,) = cr.fetchone()
        cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE 'Bench access interest %%'")
        (n_interests,) = cr.fetchone()
        if n_clients > args.clients or n_interests > args.interests:
            log(
                f"the database holds more than asked ({args.clients:,} / {args.interests:,}): "
                f"measuring what it holds (drop {args.db} to measure a smaller size)"
            )
        log(
            f"{n_clients:,} clients, {n_interests:,} interests, {len(ids['sellers'])} users "
            "in a 4-level department tree, visibility 'department'"
        )
        who = {
            "salesman": ids["salesmen"][0][0],
            "head (level 2)": ids["regions"][0],
            "director": ids["director"],
        }
        users = {}
        for label, uid in who.items():
            user = env["res.users"].browse(uid)
            # the context the web client sends with every call (its companies among them)
            me = env(
                user=uid,
                context={
                    "lang": user.lang,
                    "tz": user.tz or "UTC",
                    "allowed_company_ids": [user.company_id.id],
                },
            )
            users[label] = (me, calls(env, ids, me))
        rules = Rules(env)
        times = {(u, c, s): [] for u in users for c in users[u][1] for s in ("ours", "native")}
        rows, queries, explains = {}, {}, {}
        for i in range(args.repeat):
            order = ("ours", "native") if i % 2 == 0 else ("native", "ours")
            for side in order:
                rules.set(side)
                for label, (me, funcs) in users.items():
                    for name, call in funcs.items():
                        rows[label, name, side] = call()  # warm: caches after the switch
                        elapsed, queries[label, name, side] = _timed(me, call)
                        times[label, name, side].append(elapsed)
                        if args.explain and i == 0:
                            me.invalidate_all()
                            with Explain(cr) as explain:
                                call()
                            explains[label, name, side] = explain.report()
            log(f"repetition {i + 1} of {args.repeat} done")
        rules.set("ours")
        cr.rollback()
    ok = True
    log(
        f"{'user':<15} {'call':<9} {'native ms':>9} {'ours ms':>9} {'ratio':>6}  "
        "queries  rows/count native -> ours"
    )
    for label, (__, funcs) in users.items():
        for name in funcs:
            native = statistics.median(times[label, name, "native"])
            ours = statistics.median(times[label, name, "ours"])
            ratio = ours / native
            ok = ok and (ratio <= TARGET or label not in TARGET_USERS)
            log(
                f"{label:<15} {name:<9} {native * 1000:9.1f} {ours * 1000:9.1f} {ratio:6.2f}  "
                f"{queries[label, name, 'native']:>2} -> {queries[label, name, 'ours']:<2}  "
                f"{rows[label, name, 'native']} -> {rows[label, name, 'ours']}"
                + (
                    ""
                    if ratio <= TARGET
                    else "  OVER"
                    if label in TARGET_USERS
                    else "  over, not in the target"
                )
            )
    log(
        f"target: ours / native <= {TARGET} for the salesman and the head (median of "
        f"{args.repeat}). Native is Odoo's "
        "'own documents' rule (+ crm_interest's team leader rule; no rule on clients): the "
        "head and the director see their departments' clients and interests under ours, only "
        "their own under native, so their funnel and client list read more rows under ours "
        "(rows/count above; funnel: interests entered, all interests; lists: page rows, "
        f"count up to {COUNT_LIMIT - 1:,} as the web client asks)"
    )
    if args.explain:
        for key, text in explains.items():
            log(f"EXPLAIN ANALYZE {' / '.join(key)}:\n{text}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
