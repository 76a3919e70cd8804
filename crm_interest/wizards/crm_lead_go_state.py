from odoo import api, fields, models


class CrmLeadGoState(models.TransientModel):
    _name = "crm.lead.go.state"
    _description = "Move Interests to a State"

    lead_ids = fields.Many2many("crm.lead", string="Interests", required=True)
    scenario_id = fields.Many2one(
        "crm.interest.scenario", compute="_compute_scenario_id", string="Scenario"
    )
    stage_id = fields.Many2one(
        "crm.stage", string="State", required=True, domain="[('scenario_id', '=', scenario_id)]"
    )

    @api.depends("lead_ids")
    def _compute_scenario_id(self):
        for wizard in self:
            scenarios = wizard.lead_ids.scenario_id
            wizard.scenario_id = scenarios if len(scenarios) == 1 else False

    def action_apply(self):
        self.ensure_one()
        self.lead_ids.write({"stage_id": self.stage_id.id})
        return {"type": "ir.actions.act_window_close"}
