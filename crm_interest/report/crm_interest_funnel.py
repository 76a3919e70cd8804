from odoo import api, fields, models
from odoo.tools import SQL

from ..pure import funnel

FILTERS = ("user_id", "team_id", "source_id", "medium_id")
OPTION_LIMIT = 200


class CrmInterestFunnel(models.AbstractModel):
    """The sales funnel report (Воронка продаж): the figures behind the client action
    crm_interest.funnel_report, read with the user's rights (crm.lead.interest_funnel_report)."""

    _name = "crm.interest.funnel"
    _description = "Sales Funnel"

    @api.model
    def _lead_domain(self, scenario, filters):
        domain = [("scenario_id", "=", scenario.id), ("type", "=", "opportunity")]
        for fname in FILTERS:
            if filters.get(fname):
                domain.append((fname, "=", int(filters[fname])))
        if filters.get("date_from"):
            domain.append(("create_date", ">=", fields.Date.to_date(filters["date_from"])))
        if filters.get("date_to"):
            domain.append(
                (
                    "create_date",
                    "<",
                    fields.Date.add(fields.Date.to_date(filters["date_to"]), days=1),
                )
            )
        return domain

    @api.model
    def _options(self):
        """The choices of the report's filters."""
        env = self.env
        users = env["res.users"].search([("share", "=", False)], limit=OPTION_LIMIT)
        return {
            "user_id": [[u.id, u.name] for u in users],
            "team_id": [[t.id, t.name] for t in env["crm.team"].search([], limit=OPTION_LIMIT)],
            "source_id": [[s.id, s.name] for s in env["utm.source"].search([], limit=OPTION_LIMIT)],
            "medium_id": [[m.id, m.name] for m in env["utm.medium"].search([], limit=OPTION_LIMIT)],
        }

    @api.model
    def _report(self, filters):
        """Everything the funnel report shows for `filters` (scenario_id, date_from, date_to,
        user_id, team_id, source_id, medium_id)."""
        Scenario = self.env["crm.interest.scenario"]
        scenarios = Scenario.search([])
        scenario = (
            Scenario.browse(int(filters["scenario_id"]))
            if filters.get("scenario_id")
            else (self.env.user.sale_team_id.interest_scenario_id or scenarios[:1])
        )
        result = {
            "scenarios": [[s.id, s.name] for s in scenarios],
            "options": self._options(),
            "scenario_id": scenario.id,
            "rows": [],
            "totals": {},
            "domain": [],
            "currency_id": self.env.company.currency_id.id,
        }
        if not scenario:
            return result
        scenario = scenario.exists() & scenarios
        if not scenario:
            return result
        domain = self._lead_domain(scenario, filters)
        stages = {stage.id: stage for stage in scenario.stage_ids}
        rows = self._get_funnel(scenario, domain)
        result["domain"] = domain
        result["scenario_id"] = scenario.id
        for index, row in enumerate(rows):
            reached = list(stages)[index:]
            result["rows"].append(
                {
                    "stage_id": row.stage_id,
                    "name": stages[row.stage_id].name,
                    "reached": row.reached,
                    "amount": row.amount,
                    "won": row.won,
                    "to_next": row.to_next,
                    "to_won": row.to_won,
                    "avg_days": row.avg_days,
                    "domain": [*domain, ("furthest_stage_id", "in", reached)],
                }
            )
        Lead = self.env["crm.lead"].with_context(active_test=False)
        status = {
            won_status: (count, amount or 0.0)
            for won_status, count, amount in Lead._read_group(
                domain, ["won_status"], ["__count", "expected_revenue:sum"]
            )
        }
        entered = rows[0].reached if rows else 0
        won_count, won_amount = status.get("won", (0, 0.0))
        result["totals"] = {
            "entered": entered,
            "won": won_count,
            "won_amount": won_amount,
            "lost": status.get("lost", (0, 0.0))[0],
            "open": status.get("pending", (0, 0.0))[0],
            "open_amount": status.get("pending", (0, 0.0))[1],
            "conversion": round(100.0 * won_count / entered, 2) if entered else None,
        }
        return result

    @api.model
    def _get_funnel(self, scenario, domain, with_days=True):
        """Funnel rows of `scenario` over the interests of `domain` (record rules apply).

        The counts, amounts and conversions come from one grouped read of the interests;
        the average days in each state (`with_days`) read their whole state history.
        """
        Lead = self.env["crm.lead"].with_context(active_test=False)
        groups = Lead._read_group(
            domain, ["furthest_stage_id", "won_status"], ["__count", "expected_revenue:sum"]
        )
        rows = [
            (stage.id, status == "won", count, amount) for stage, status, count, amount in groups
        ]
        return funnel.build(
            scenario.stage_ids.ids,
            rows,
            self._avg_days(scenario, Lead, domain) if with_days else {},
        )

    @api.model
    def _sees_whole_scenario(self, scenario, domain):
        """The funnel of every interest of the scenario, for a user who sees them all (in
        his companies): the running totals answer it."""
        if list(domain) != [("scenario_id", "=", scenario.id), ("type", "=", "opportunity")]:
            return False
        return self.env.su or self.env.user.has_group("sales_team.group_sale_salesman_all_leads")

    @api.model
    def _avg_days(self, scenario, Lead, domain):
        """{state id: average days the interests of `domain` spent in it}."""
        if self._sees_whole_scenario(scenario, domain):
            return self.env["crm.interest.stage.history"]._interest_average_days(
                scenario, self.env.companies.ids if not self.env.su else self._all_company_ids()
            )
        # the interests the user reads, with the columns the average needs, joined once: the
        # interests read a second time to filter the history cost a scan and a hash of the
        # whole table for a head who reads tens of thousands (bench/client_access.py)
        lead_query = Lead._search(domain)
        table = lead_query.table
        leads = lead_query.subselect(
            SQL.identifier(table, "id"),
            SQL.identifier(table, "won_status"),
            SQL.identifier(table, "date_closed"),
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT h.stage_id,
                   AVG(EXTRACT(EPOCH FROM COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END, %(now)s) - h.date_in))
                   / 86400
              FROM crm_interest_stage_history h
              JOIN %(leads)s l ON l.id = h.lead_id
             WHERE h.scenario_id = %(scenario)s
          GROUP BY h.stage_id
            """,
                now=fields.Datetime.now(),
                scenario=scenario.id,
                leads=leads,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _all_company_ids(self):
        return self.env["res.company"].sudo().with_context(active_test=False).search([]).ids
