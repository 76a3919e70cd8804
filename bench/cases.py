"""The crm_interest benchmarks: each is our operation and the native one it competes with.

A case gives `native()` and `ours()`, callables doing one repetition of the measured
operation (flush included); the harness in run.py times them alternately and rolls back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from dataset import BENCH_CONTEXT

from odoo import fields
from odoo.fields import Command


@dataclass
class Case:
    name: str
    size: int
    target: float  # highest acceptable ratio ours / native
    native: Callable[[], object]
    ours: Callable[[], object]
    note: str = ""
    warmup: tuple[Callable[[], object], Callable[[], object]] | None = None


def _plain_vals(fx, count, prefix):
    return [
        {
            "name": f"{prefix} {i}",
            "type": "opportunity",
            "team_id": fx.team.id,
            "user_id": fx.manager.id,
            "partner_id": fx.clients[i % len(fx.clients)].id,
        }
        for i in range(count)
    ]


def _interest_vals(fx, count, prefix):
    products, contacts = fx.products, fx.contacts
    vals_list = _plain_vals(fx, count, prefix)
    for i, vals in enumerate(vals_list):
        vals["scenario_id"] = fx.scenario.id
        vals["demand_line_ids"] = [
            Command.create(
                {
                    "product_id": products[(i + k) % len(products)].id,
                    "quantity": 1 + (i + k) % 5,
                    "price_unit": 100.0 * (1 + k),
                }
            )
            for k in range(3)
        ]
        vals["participant_ids"] = [
            Command.create({"partner_id": contacts[i % len(contacts)].id, "role": "contact"})
        ]
    return vals_list


def create_case(env, fx, size):
    """Create `size` interests vs `size` plain opportunities, one batched create() each."""
    env = env(context=dict(env.context, **BENCH_CONTEXT))
    Lead = env["crm.lead"]

    def creator(vals_list):
        def run():
            # create() gets a fresh copy: it may alter the dicts it receives
            Lead.create([dict(vals) for vals in vals_list])
            env.flush_all()

        return run

    warm = min(size, 200)
    return Case(
        name="create",
        size=size,
        target=1.5,
        native=creator(_plain_vals(fx, size, "Bench plain opportunity")),
        ours=creator(_interest_vals(fx, size, "Bench interest")),
        note="one create() of N records; context tracking_disable=True for both; superuser; "
        "ours: scenario + 3 demand lines + 1 participant each",
        warmup=(
            creator(_plain_vals(fx, warm, "Bench warm-up")),
            creator(_interest_vals(fx, warm, "Bench warm-up")),
        ),
    )


def funnel_case(env, fx, size, user_label="superuser", with_days=False):
    """The sales funnel of the bench scenario vs crm.lead's grouped read by stage."""
    Lead = env["crm.lead"].with_context(active_test=False)
    Funnel = env["crm.interest.funnel"]
    scenario = fx.scenario.with_env(env)
    domain = [("scenario_id", "=", scenario.id), ("type", "=", "opportunity")]

    def native():
        return Lead._read_group(
            [("type", "=", "opportunity")], ["stage_id"], ["__count", "expected_revenue:sum"]
        )

    def ours():
        return Funnel._get_funnel(scenario, domain, with_days=with_days)

    return Case(
        name=("funnel+days" if with_days else "funnel")
        + ("" if user_label == "superuser" else f"/{user_label}"),
        size=size,
        target=2.0,
        native=native,
        ours=ours,
        note=f"as {user_label}; native: crm.lead _read_group by stage_id "
        "(active_test=False: the same leads, lost ones included)",
    )


def estimate_case(env, fx, size):
    """Refresh the probability estimate of `size` open interests over every closed one, vs
    Odoo's predictive lead scoring recomputed on the same leads."""
    Lead = env["crm.lead"]
    scenario = fx.scenario.with_env(env)
    leads = Lead.search(
        [("scenario_id", "=", scenario.id), ("won_status", "=", "pending")], order="id", limit=size
    )
    closed = Lead.with_context(active_test=False).search_count(
        [("scenario_id", "=", scenario.id), ("won_status", "in", ("won", "lost"))]
    )

    def native():
        leads._compute_probabilities()
        env.flush_all()

    def ours():
        leads._interest_refresh_estimates()
        env.flush_all()

    return Case(
        name="estimate",
        size=len(leads),
        target=1.0,
        native=native,
        ours=ours,
        note=f"{len(leads):,} open interests, {closed:,} closed ones; native: "
        "crm.lead._compute_probabilities() (predictive lead scoring) on the same leads; "
        "ours: _interest_refresh_estimates() (estimator built from the closed interests, "
        "then one UPDATE)",
    )


def control_case(env, size):
    """The control wizard (contact information completeness, to each client's salesperson)
    over `size` client companies vs a straightforward loop over the same partners doing the
    same: check each partner, then create its task line one by one."""
    from dataset import control_partners  # noqa: PLC0415

    partners = control_partners(env, size)
    Plan = env["crm.control.task.plan"]
    Task = env["crm.control.task"]
    Line = env["crm.control.task.line"]
    settings = {
        "control": "contact",
        "check_email": True,
        "check_phone": True,
        "date_deadline": fields.Date.today(),
    }

    def native():
        tasks = {}
        for partner in env["res.partner"].search([("id", "in", partners.ids)]):
            if partner.email and partner.phone:
                continue
            user = partner.user_id or env.user
            if user not in tasks:
                tasks[user] = Task.create({**settings, "user_id": user.id})
            Line.create({"task_id": tasks[user].id, "partner_id": partner.id})
        env.flush_all()

    def ours():
        wizard = Plan.create(
            {
                **settings,
                "partner_scope": "clients",
                "partner_domain": repr([("id", ">=", partners[:1].id)]),
                "distribution": "responsible",
            }
        )
        wizard.action_confirm()
        env.flush_all()

    return Case(
        name="control",
        size=len(partners),
        target=0.1,
        native=native,
        ours=ours,
        note=f"{len(partners):,} client companies, a third missing email or phone; "
        "ours: crm.control.task.plan action_confirm() (scan, split, one batched create); "
        "native: a per-partner loop creating one line per partner",
    )
