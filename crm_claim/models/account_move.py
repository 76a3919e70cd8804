from odoo import fields, models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "crm.claim.source"]
    _claim_field = "invoice_id"

    claim_ids = fields.One2many("crm.claim", "invoice_id", string="Claims")

    def _claim_defaults(self):
        orders = self.invoice_line_ids.sale_line_ids.order_id
        return {
            **super()._claim_defaults(),
            **self._claim_client_defaults(self.partner_id),
            "sale_order_id": orders.id if len(orders) == 1 else False,
            "lead_id": orders.opportunity_id.id if len(orders.opportunity_id) == 1 else False,
            "user_id": self.invoice_user_id.id,
            "product_ids": self.invoice_line_ids.product_id.ids,
        }
