"""The users of bench/load.py, for locust (run in its own environment, without Odoo).

Each user logs in over HTTP (/web/session/authenticate) as a salesperson the bench made, then
calls what the web client calls (JSON-RPC /web/dataset/call_kw). Two kinds, as many of each:
- OurSalesman: My Sales (its action and its list), an interest's form, planning an
  interaction and saving its result, completing a route-map task, the sales funnel;
- NativeSalesman: Odoo's own CRM screens on plain opportunities: the pipeline (grouped by
  stage, its cards), a lead's form, a plain activity marked done.
Every request is written to LOAD_LOG (one JSON line: time, action, ms, ok, error), and every
task completed to LOAD_LOG.tasks, for bench/load.py's figures and its count at the end.
"""

import itertools
import json
import os
import random
import time
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, events, task

CONFIG = json.loads(open(os.environ["LOAD_USERS"], encoding="utf-8").read())
LOG = open(os.environ["LOAD_LOG"], "a", buffering=1, encoding="utf-8")
TASKS = open(os.environ["LOAD_LOG"] + ".tasks", "a", buffering=1, encoding="utf-8")
LOGINS = {kind: itertools.cycle(CONFIG[kind]) for kind in ("ours", "native")}


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    LOG.write(
        json.dumps(
            {
                "t": time.time(),
                "action": name,
                "ms": response_time,
                "ok": exception is None,
                "error": str(exception)[:300] if exception else None,
            }
        )
        + "\n"
    )


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = None

    def on_start(self):
        self.login = next(LOGINS[self.kind])
        self.uid = None
        self.authenticate()

    def authenticate(self):
        body = {
            "db": CONFIG["db"],
            "login": self.login["login"],
            "password": self.login["password"],
        }
        result = self.rpc("/web/session/authenticate", body, "log in")
        self.uid = result and result.get("uid")

    def rpc(self, path, params, action):
        """JSON-RPC `params` to `path`, timed as `action`; its result (None on failure)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9)}
        payload["params"] = params
        name = f"{self.kind}: {action}"
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                answer = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}: not JSON")
                return None
            if answer.get("error"):
                error = answer["error"].get("data", {}).get("message") or answer["error"]
                response.failure(f"{error}"[:300])
                if "Session expired" in f"{error}":
                    self.uid = None
                return None
            response.success()
            return answer.get("result")

    def call(self, model, method, args, action, **kwargs):
        if not self.uid:
            self.authenticate()
            if not self.uid:
                return None
        kwargs.setdefault("context", {"lang": "en_US", "tz": "UTC", "uid": self.uid})
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", params, action)

    def own_leads(self, action, domain):
        found = self.call(
            "crm.lead",
            "web_search_read",
            [[("user_id", "=", self.uid), *domain]],
            action,
            specification=CONFIG["list_spec"],
            limit=80,
            count_limit=10001,
        )
        return [record["id"] for record in (found or {}).get("records", [])]


class OurSalesman(OdooUser):
    kind = "ours"
    fixed_count = int(os.environ.get("LOAD_EACH", "1"))

    @task(3)
    def my_sales(self):
        self.call("crm.lead", "action_interest_my_sales", [], "My Sales action")
        self.leads = self.own_leads("My Sales", [("scenario_id", "=", CONFIG["scenario"])])

    @task(3)
    def interest(self):
        leads = getattr(self, "leads", None) or self.own_leads(
            "My Sales", [("scenario_id", "=", CONFIG["scenario"])]
        )
        if leads:
            self.call(
                "crm.lead", "web_read", [[random.choice(leads)]], "interest form",
                specification=CONFIG["form_spec"],
            )  # fmt: skip

    @task(2)
    def plan_and_save_interaction(self):
        leads = getattr(self, "leads", None)
        if not leads:
            return
        when = datetime.now(UTC) + timedelta(days=1)
        vals = {
            "name": "Call back about the offer",
            "kind": "call",
            "lead_id": random.choice(leads),
            "date": when.strftime("%Y-%m-%d %H:%M:%S"),
        }
        saved = self.call(
            "crm.interaction", "web_save", [[], vals], "plan interaction",
            specification={"display_name": {}},
        )  # fmt: skip
        if saved:
            self.call(
                "crm.interaction", "web_save", [[saved[0]["id"]], {"result": "Agreed on a demo"}],
                "save interaction", specification={"display_name": {}},
            )  # fmt: skip

    @task(2)
    def complete_task(self):
        found = self.call(
            "crm.routemap.task", "search_read",
            [[("user_id", "=", self.uid), ("state", "=", "open")]], "route-map tasks",
            fields=["name", "lead_id"], limit=20,
        )  # fmt: skip
        if found:
            chosen = random.choice(found)["id"]
            done = self.call(
                "crm.routemap.task", "action_complete", [[chosen]], "complete task",
                result_text="Done under load",
            )  # fmt: skip
            if done:
                TASKS.write(f"{chosen}\n")

    @task(1)
    def funnel(self):
        self.call(
            "crm.lead", "interest_funnel_report", [{"scenario_id": CONFIG["scenario"]}],
            "funnel",
        )  # fmt: skip


class NativeSalesman(OdooUser):
    kind = "native"
    fixed_count = int(os.environ.get("LOAD_EACH", "1"))

    @task(3)
    def pipeline(self):
        domain = [("type", "=", "opportunity"), ("user_id", "=", self.uid)]
        self.call(
            "crm.lead", "web_read_group", [domain, ["stage_id"]], "pipeline groups",
            aggregates=["expected_revenue:sum"],
        )  # fmt: skip
        self.leads = self.own_leads("pipeline", [("type", "=", "opportunity")])

    @task(3)
    def lead_form(self):
        leads = getattr(self, "leads", None) or self.own_leads(
            "pipeline", [("type", "=", "opportunity")]
        )
        if leads:
            self.call(
                "crm.lead", "web_read", [[random.choice(leads)]], "lead form",
                specification=CONFIG["form_spec"],
            )  # fmt: skip

    @task(2)
    def activity_done(self):
        found = self.call(
            "mail.activity", "search_read",
            [[("user_id", "=", self.uid), ("res_model", "=", "crm.lead")]], "activities",
            fields=["summary"], limit=20,
        )  # fmt: skip
        if found:
            self.call(
                "mail.activity", "action_feedback", [[random.choice(found)["id"]]],
                "activity done", feedback="Done under load",
            )  # fmt: skip
