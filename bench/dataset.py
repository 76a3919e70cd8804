"""The benchmark database: fixtures and the funnel's interests, built with the ORM in batches.

Benchmark script, not addon code: it commits between batches so that a build can be resumed
and reused by the next run.
"""

import json
import random
import time

from odoo.fields import Command

PARAM_FIXTURES = "crm_interest_bench.fixtures"
PARAM_FUNNEL_SIZE = "crm_interest_bench.funnel_interests"
PARAM_CODE = "crm_interest_bench.code_hash"  # of the addon the database was last updated with

# furthest state reached by a funnel interest (index in the scenario's states; the last is won)
FURTHEST_WEIGHTS = (0.30, 0.25, 0.20, 0.10, 0.15)
LOST_SHARE = 0.4  # of the interests that were not won
STATES = ("Primary contact", "Needs analysis", "Commercial offer", "Negotiation", "Won")
BENCH_CONTEXT = {"tracking_disable": True}


def log(msg):
    print(f"[bench] {msg}", flush=True)


class Fixtures:
    """Records the benchmarks share, created once per database."""

    def __init__(self, env, ids):
        self.env = env
        self.ids = ids
        self.manager = env["res.users"].browse(ids["manager"])
        self.team = env["crm.team"].browse(ids["team"])
        self.scenario = env["crm.interest.scenario"].browse(ids["scenario"])
        self.states = env["crm.stage"].browse(ids["states"])
        self.clients = env["res.partner"].browse(ids["clients"])
        self.contacts = env["res.partner"].browse(ids["contacts"])
        self.products = env["product.product"].browse(ids["products"])
        self.lost_reason = env["crm.lost.reason"].browse(ids["lost_reason"])

    @classmethod
    def load(cls, env):
        raw = env["ir.config_parameter"].sudo().get_param(PARAM_FIXTURES)
        return cls(env, json.loads(raw)) if raw else None

    @classmethod
    def create(cls, env):
        env = env(context=dict(env.context, **BENCH_CONTEXT))
        manager = env["res.users"].create(
            {
                "name": "Bench Sales Manager",
                "login": "bench_manager",
                "group_ids": [Command.link(env.ref("sales_team.group_sale_manager").id)],
            }
        )
        # no default scenario on the team: plain opportunities of it stay plain crm.lead
        team = env["crm.team"].create(
            {"name": "Bench team", "user_id": manager.id, "member_ids": [Command.set(manager.ids)]}
        )
        scenario = env["crm.interest.scenario"].create(
            {"name": "Bench sale", "process_kind": "manual", "team_ids": [Command.set(team.ids)]}
        )
        states = env["crm.stage"].create(
            [
                {
                    "name": name,
                    "sequence": 1001 + index,
                    "scenario_id": scenario.id,
                    "is_won": index == len(STATES) - 1,
                }
                for index, name in enumerate(STATES)
            ]
        )
        clients = env["res.partner"].create(
            [{"name": f"Bench client {i:03d}", "is_company": True} for i in range(200)]
        )
        contacts = env["res.partner"].create(
            [
                {"name": f"Bench contact {i:03d}", "parent_id": clients[i].id}
                for i in range(len(clients))
            ]
        )
        products = env["product.product"].create(
            [{"name": f"Bench product {i:02d}", "list_price": 10.0 * (i + 1)} for i in range(30)]
        )
        lost_reason = env["crm.lost.reason"].create({"name": "Bench: too expensive"})
        ids = {
            "manager": manager.id,
            "team": team.id,
            "scenario": scenario.id,
            "states": states.ids,
            "clients": clients.ids,
            "contacts": contacts.ids,
            "products": products.ids,
            "lost_reason": lost_reason.id,
        }
        env["ir.config_parameter"].sudo().set_param(PARAM_FIXTURES, json.dumps(ids))
        env["ir.config_parameter"].sudo().set_param(PARAM_FUNNEL_SIZE, "0")
        return cls(env, ids)


def funnel_size(env):
    return int(env["ir.config_parameter"].sudo().get_param(PARAM_FUNNEL_SIZE) or 0)


def build_funnel(env, fx, size, batch=2000):
    """Top the funnel's interests up to `size`, `batch` at a time, committing each batch.

    Each interest is created in the first state, then moved forward state by state with
    write({'stage_id': ...}) up to its furthest state, so that its state history and furthest
    state are the addon's own; those that reach the last state are won, part of the others
    are lost with a reason. Deterministic: interest i gets the same fate in every build.
    """
    env = env(context=dict(env.context, **BENCH_CONTEXT))
    cr = env.cr
    Lead = env["crm.lead"]
    done = funnel_size(env)
    if done >= size:
        return
    log(f"building funnel interests {done:,} -> {size:,} in batches of {batch:,}")
    started = time.perf_counter()
    while done < size:
        count = min(batch, size - done)
        rng = random.Random(done)
        leads = Lead.create(
            [
                {
                    "name": f"Bench funnel interest {done + i}",
                    "type": "opportunity",
                    "scenario_id": fx.scenario.id,
                    "team_id": fx.team.id,
                    "user_id": fx.manager.id,
                    "partner_id": fx.clients[(done + i) % len(fx.clients)].id,
                    "expected_revenue": rng.randrange(1_000, 100_000),
                }
                for i in range(count)
            ]
        )
        furthest = rng.choices(range(len(STATES)), FURTHEST_WEIGHTS, k=count)
        for step in range(1, len(STATES)):
            movers = Lead.browse(
                [lead.id for lead, top in zip(leads, furthest, strict=True) if top >= step]
            )
            if movers:
                movers.write({"stage_id": fx.states[step].id})
        lost = Lead.browse(
            [
                lead.id
                for lead, top in zip(leads, furthest, strict=True)
                if top < len(STATES) - 1 and rng.random() < LOST_SHARE
            ]
        )
        lost.write(
            {
                "active": False,
                "probability": 0,
                "automated_probability": 0,
                "lost_reason_id": fx.lost_reason.id,
            }
        )
        done += count
        env["ir.config_parameter"].sudo().set_param(PARAM_FUNNEL_SIZE, str(done))
        env.flush_all()
        cr.commit()
        env.invalidate_all()
        elapsed = time.perf_counter() - started
        if done == size or done % (batch * 10) == 0:
            log(f"  {done:,} / {size:,} interests ({elapsed:.0f} s)")


PARAM_CONTROL_SIZE = "crm_interest_bench.control_partners"


def control_partners(env, size, batch=5000):
    """`size` client companies with salespeople; a third lack an email or a phone."""
    Partner = env["res.partner"].with_context(**BENCH_CONTEXT)
    params = env["ir.config_parameter"].sudo()
    built = int(params.get_param(PARAM_CONTROL_SIZE) or 0)
    if built < size:
        users = env["res.users"].search([("share", "=", False)], limit=5)
        for start in range(built, size, batch):
            count = min(batch, size - start)
            Partner.create(
                [
                    {
                        "name": f"Bench control client {start + i}",
                        "is_company": True,
                        "user_id": users[(start + i) % len(users)].id,
                        "email": False if (start + i) % 6 == 0 else f"c{start + i}@example.com",
                        "phone": False if (start + i) % 6 == 3 else f"+7 495 {start + i:07d}",
                    }
                    for i in range(count)
                ]
            )
            params.set_param(PARAM_CONTROL_SIZE, start + count)
            env.cr.commit()
            log(f"control clients: {start + count:,} / {size:,}")
    return Partner.search([("name", "=like", "Bench control client %")], order="id", limit=size)
