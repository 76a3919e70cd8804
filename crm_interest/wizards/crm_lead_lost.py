from odoo import api, fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    lost_reason_is_competitor = fields.Boolean(
        related="lost_reason_id.is_competitor", string="Reason Names a Competitor"
    )
    lost_competitor_id = fields.Many2one(
        "res.partner",
        string="Competitor",
        compute="_compute_lost_competitor_id",
        store=True,
        readonly=False,
        domain="[('is_competitor', '=', True)]",
    )
    competitor_ids = fields.Many2many(
        "res.partner", compute="_compute_competitor_ids", string="Competitors of the Interests"
    )

    @api.depends("lead_ids")
    def _compute_competitor_ids(self):
        for wizard in self:
            wizard.competitor_ids = wizard.lead_ids.participant_ids.filtered(
                lambda participant: participant.role == "competitor"
            ).partner_id

    @api.depends("lead_ids")
    def _compute_lost_competitor_id(self):
        """The interests' one competitor (participant with the competitor role), if one."""
        for wizard in self:
            competitors = wizard.competitor_ids.filtered("is_competitor")
            wizard.lost_competitor_id = competitors if len(competitors) == 1 else False

    def action_lost_reason_apply(self):
        if self.lost_competitor_id:
            self.lead_ids.write({"lost_competitor_id": self.lost_competitor_id.id})
        return super().action_lost_reason_apply()
