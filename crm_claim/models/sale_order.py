from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    claim_ids = fields.One2many("crm.claim", "sale_order_id", string="Claims")
    claim_count = fields.Integer(compute="_compute_claim_count")

    def _compute_claim_count(self):
        counts = dict(
            self.env["crm.claim"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.claim_count = counts.get(order, 0)

    def _claim_defaults(self):
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        return {
            "sale_order_id": self.id,
            "partner_id": client.id,
            "contact_id": self.partner_id.id if self.partner_id != client else False,
            "lead_id": self.opportunity_id.id,
            "user_id": self.user_id.id,
            "product_ids": self.order_line.product_id.ids,
            "company_id": self.company_id.id,
        }

    def action_create_claim(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_new_claim(self._claim_defaults())

    def action_view_claims(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_view_claims(
            [("sale_order_id", "=", self.id)], self._claim_defaults()
        )
