from odoo import api, fields, models
from odoo.fields import Domain

# In this context, crm.stage searches see the native pipeline only (no scenario state):
# native code that treats every stage as one pipeline (lead scoring, merge) runs with it.
NATIVE_STAGES_KEY = "crm_interest_native_stages"


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

    @api.model
    def _search(self, domain, *args, **kwargs):
        if self.env.context.get(NATIVE_STAGES_KEY):
            domain = Domain.AND([domain, [("scenario_id", "=", False)]])
        return super()._search(domain, *args, **kwargs)
