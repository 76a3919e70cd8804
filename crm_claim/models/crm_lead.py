from odoo import fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.claim.source"]
    _claim_field = "lead_id"

    claim_ids = fields.One2many("crm.claim", "lead_id", string="Claims")

    def _claim_defaults(self):
        return {
            **super()._claim_defaults(),
            **self._claim_client_defaults(self.partner_id),
            "user_id": self.user_id.id,
            "product_ids": self.demand_line_ids.product_id.ids,
        }
