from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    scenario_id = fields.Many2one(
        "crm.interest.scenario",
        string="Scenario",
        index="btree_not_null",
        ondelete="cascade",
        help="The scenario this state belongs to. States without a scenario are the "
        "ordinary pipeline stages.",
    )
    checklist_item_ids = fields.One2many(
        "crm.interest.checklist.item", "stage_id", string="Checklist"
    )
    interest_required_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_stage_interest_required_field_rel",
        "stage_id",
        "field_id",
        string="Fields Required to Leave",
        domain=[("model", "=", "crm.lead"), ("store", "=", True)],
        help="An interest cannot leave this state while one of these fields is empty.",
    )
