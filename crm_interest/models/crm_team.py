from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    interest_scenario_id = fields.Many2one(
        "crm.interest.scenario",
        string="Default Scenario",
        check_company=True,
        help="Scenario given to this team's leads when they become opportunities.",
    )
