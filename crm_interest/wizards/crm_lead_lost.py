from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    lost_reason_is_competitor = fields.Boolean(
        related="lost_reason_id.is_competitor", string="Reason Names a Competitor"
    )
    lost_competitor_id = fields.Many2one("res.partner", string="Competitor")
    competitor_ids = fields.Many2many(
        "res.partner", compute="_compute_competitor_ids", string="Competitors of the Interests"
    )

    def _compute_competitor_ids(self):
        for wizard in self:
            wizard.competitor_ids = wizard.lead_ids.participant_ids.filtered(
                lambda participant: participant.role == "competitor"
            ).partner_id

    def action_lost_reason_apply(self):
        if self.lost_competitor_id:
            self.lead_ids.write({"lost_competitor_id": self.lost_competitor_id.id})
        return super().action_lost_reason_apply()
