from odoo import api, fields, models
from odoo.tools import SQL

from ..pure import funnel


class CrmInterestFunnel(models.TransientModel):
    _name = "crm.interest.funnel"
    _description = "Sales Funnel"

    scenario_id = fields.Many2one("crm.interest.scenario", required=True)
    date_from = fields.Date(string="Created From")
    date_to = fields.Date(string="Created To")
    user_id = fields.Many2one("res.users", string="Salesperson")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    source_id = fields.Many2one("utm.source", string="Source")
    medium_id = fields.Many2one("utm.medium", string="Channel")
    line_ids = fields.One2many("crm.interest.funnel.line", "funnel_id", readonly=True)
    interest_count = fields.Integer(string="Interests", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)

    def _lead_domain(self):
        self.ensure_one()
        domain = [("scenario_id", "=", self.scenario_id.id), ("type", "=", "opportunity")]
        for fname in ("user_id", "team_id", "source_id", "medium_id"):
            if self[fname]:
                domain.append((fname, "=", self[fname].id))
        if self.date_from:
            domain.append(("create_date", ">=", self.date_from))
        if self.date_to:
            domain.append(("create_date", "<", fields.Date.add(self.date_to, days=1)))
        return domain

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
        lead_query = Lead._search(domain)
        self.env.cr.execute(
            SQL(
                """
            SELECT h.stage_id,
                   AVG(EXTRACT(EPOCH FROM COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END, %(now)s) - h.date_in))
                   / 86400
              FROM crm_interest_stage_history h
              JOIN crm_lead l ON l.id = h.lead_id
             WHERE h.scenario_id = %(scenario)s AND h.lead_id IN %(leads)s
          GROUP BY h.stage_id
            """,
                now=fields.Datetime.now(),
                scenario=scenario.id,
                leads=lead_query.subselect(),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _all_company_ids(self):
        return self.env["res.company"].sudo().with_context(active_test=False).search([]).ids

    def action_compute(self):
        self.ensure_one()
        rows = self._get_funnel(self.scenario_id, self._lead_domain())
        self.line_ids.unlink()
        self.write(
            {
                "interest_count": rows[0].reached if rows else 0,
                "won_count": rows[0].won if rows else 0,
                "line_ids": [
                    fields.Command.create(
                        {
                            "sequence": index,
                            "stage_id": row.stage_id,
                            "reached": row.reached,
                            "amount": row.amount,
                            "won": row.won,
                            "to_next": row.to_next or 0.0,
                            "to_won": row.to_won or 0.0,
                            "avg_days": row.avg_days or 0.0,
                            "is_last": row.to_next is None,
                        }
                    )
                    for index, row in enumerate(rows)
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_interests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.scenario_id.name,
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": self._lead_domain(),
            "context": {"active_test": False},
        }


class CrmInterestFunnelLine(models.TransientModel):
    _name = "crm.interest.funnel.line"
    _description = "Sales Funnel State"
    _order = "sequence"

    funnel_id = fields.Many2one("crm.interest.funnel", required=True, ondelete="cascade")
    sequence = fields.Integer()
    stage_id = fields.Many2one("crm.stage", string="State", readonly=True)
    reached = fields.Integer(string="Interests Reached", readonly=True)
    amount = fields.Float(string="Amount Reached", readonly=True)
    won = fields.Integer(string="Won of Them", readonly=True)
    to_next = fields.Float(string="Conversion to Next, %", readonly=True)
    to_won = fields.Float(string="Conversion to Won, %", readonly=True)
    avg_days = fields.Float(string="Average Days in State", readonly=True)
    is_last = fields.Boolean(readonly=True)

    def action_open_interests(self):
        self.ensure_one()
        stages = self.funnel_id.scenario_id.stage_ids
        reached = stages[list(stages).index(self.stage_id) :]
        action = self.funnel_id.action_open_interests()
        action["domain"] = [*action["domain"], ("furthest_stage_id", "in", reached.ids)]
        action["name"] = self.stage_id.name
        return action
