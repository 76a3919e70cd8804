from odoo import fields, models, tools
from odoo.tools import SQL


class CrmInteractionInterestReport(models.Model):
    """Interactions per interest: the cross report 1C lacks (calls and meetings per interest,
    per won interest, per amount won, by channel and source)."""

    _name = "crm.interaction.interest.report"
    _description = "Interactions per Interest"
    _auto = False
    _order = "lead_id desc"

    lead_id = fields.Many2one("crm.lead", string="Interest", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    scenario_id = fields.Many2one("crm.interest.scenario", string="Scenario", readonly=True)
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Channel", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    create_date = fields.Datetime("Created on", readonly=True)
    outcome = fields.Selection(
        [("won", "Won"), ("lost", "Lost"), ("open", "Still Open")],
        string="Outcome",
        readonly=True,
    )
    interest_count = fields.Integer("Interests", readonly=True)
    won_count = fields.Integer("Won Interests", readonly=True)
    won_amount = fields.Float("Amount Won", readonly=True)
    call_count = fields.Integer("Calls", readonly=True)
    meeting_count = fields.Integer("Meetings", readonly=True)
    email_count = fields.Integer("Emails", readonly=True)
    interaction_count = fields.Integer("Interactions", readonly=True)
    calls_per_interest = fields.Float("Calls per Interest", readonly=True, aggregator="avg")
    meetings_per_interest = fields.Float("Meetings per Interest", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT lead.id AS id,
                           lead.id AS lead_id,
                           lead.user_id,
                           lead.team_id,
                           lead.company_id,
                           lead.scenario_id,
                           lead.source_id,
                           lead.medium_id,
                           lead.campaign_id,
                           lead.create_date,
                           CASE lead.won_status WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost'
                                ELSE 'open' END AS outcome,
                           1 AS interest_count,
                           CASE WHEN stage.is_won THEN 1 ELSE 0 END AS won_count,
                           CASE WHEN stage.is_won THEN COALESCE(lead.expected_revenue, 0)
                                ELSE 0 END AS won_amount,
                           COALESCE(ia.calls, 0) AS call_count,
                           COALESCE(ia.meetings, 0) AS meeting_count,
                           COALESCE(ia.emails, 0) AS email_count,
                           COALESCE(ia.total, 0) AS interaction_count,
                           COALESCE(ia.calls, 0) AS calls_per_interest,
                           COALESCE(ia.meetings, 0) AS meetings_per_interest
                      FROM crm_lead lead
                 LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 LEFT JOIN (
                        SELECT lead_id,
                               COUNT(*) FILTER (WHERE kind = 'call') AS calls,
                               COUNT(*) FILTER (WHERE kind = 'meeting') AS meetings,
                               COUNT(*) FILTER (WHERE kind = 'email') AS emails,
                               COUNT(*) AS total
                          FROM crm_interaction
                         WHERE lead_id IS NOT NULL
                      GROUP BY lead_id
                      ) ia ON ia.lead_id = lead.id
                     WHERE lead.type = 'opportunity'
                )
                """,
                SQL.identifier(self._table),
            )
        )
