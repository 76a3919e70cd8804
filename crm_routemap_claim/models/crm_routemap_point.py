from odoo import models


class CrmRoutemapPoint(models.Model):
    _inherit = "crm.routemap.point"

    def _routemap_performer(self, record, exclude=None):
        """A claim's tasks go by the claim's responsible (the map's performer rules apply)."""
        claim_id = self.env.context.get("routemap_claim_id")
        if not record and claim_id:
            record = self.env["crm.claim"].sudo().browse(claim_id)
        return super()._routemap_performer(record, exclude=exclude)
