from odoo import fields, models


class CrmInterestChecklistItem(models.Model):
    _name = "crm.interest.checklist.item"
    _description = "Interest State Checklist Item"
    _order = "stage_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    stage_id = fields.Many2one("crm.stage", string="State", required=True, ondelete="cascade")
    scenario_id = fields.Many2one(related="stage_id.scenario_id", store=True)
    required = fields.Boolean(
        default=True, help="The interest cannot leave the state until this item is done."
    )
    auto_check = fields.Selection(
        [
            ("demand", "Primary demand recorded"),
            ("client", "Client chosen"),
            ("amount", "Expected revenue set"),
        ],
        string="Ticked By the Data",
        help="Left empty, the salesperson ticks the item. Otherwise the interest's data ticks "
        "it by itself (and unticks it when the data goes).",
    )
