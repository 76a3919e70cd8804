from odoo import api, fields, models


class CrmRoutemapStart(models.TransientModel):
    _inherit = "crm.routemap.start"

    claim_id = fields.Many2one("crm.claim", string="Claim", ondelete="cascade")

    @api.depends("claim_id")
    def _compute_routemap_ids(self):
        return super()._compute_routemap_ids()

    def _routemap_startable(self):
        if not self.claim_id:
            return super()._routemap_startable()
        return self.env["crm.routemap"].search(
            [("status", "=", "active"), ("target", "=", "claim")]
        )

    def _routemap_record(self):
        return self.claim_id or super()._routemap_record()
