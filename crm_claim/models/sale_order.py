from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.claim.source"]
    _claim_field = "sale_order_id"

    claim_ids = fields.One2many("crm.claim", "sale_order_id", string="Claims")

    def _claim_defaults(self):
        return {
            **super()._claim_defaults(),
            **self._claim_client_defaults(self.partner_id),
            "lead_id": self.opportunity_id.id,
            "user_id": self.user_id.id,
            "product_ids": self.order_line.product_id.ids,
        }
