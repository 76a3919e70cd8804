from odoo import api, fields, models


class CrmInterestStageHistory(models.Model):
    _name = "crm.interest.stage.history"
    _description = "Interest State History"
    _order = "date_in desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one("crm.lead", string="Interest", required=True, ondelete="cascade")
    stage_id = fields.Many2one("crm.stage", string="State", required=True, ondelete="cascade")
    scenario_id = fields.Many2one("crm.interest.scenario", index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", index=True)
    date_in = fields.Datetime(required=True)
    date_out = fields.Datetime()
    user_id = fields.Many2one("res.users", string="Moved By")
    duration_days = fields.Float(
        string="Days in State", compute="_compute_duration_days", store=True, aggregator="avg"
    )

    _lead_open_index = models.Index("(lead_id) WHERE date_out IS NULL")
    _lead_index = models.Index("(lead_id, stage_id)")

    @api.depends("date_in", "date_out")
    def _compute_duration_days(self):
        for row in self:
            if row.date_in and row.date_out:
                row.duration_days = (row.date_out - row.date_in).total_seconds() / 86400
            else:
                row.duration_days = 0.0
