from odoo import api, models


class CrmInterestChecklistLine(models.Model):
    _inherit = "crm.interest.checklist.line"

    @api.depends(
        "item_id.auto_check",
        "lead_id.demand_line_ids",
        "lead_id.partner_id",
        "lead_id.expected_revenue",
        "lead_id.order_ids.state",
    )
    def _compute_done(self):
        # the commercial offer is answered by the interest's quotations
        return super()._compute_done()
