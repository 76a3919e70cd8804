from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    claim_ids = fields.One2many("crm.claim", "invoice_id", string="Claims")
    claim_count = fields.Integer(compute="_compute_claim_count")

    def _compute_claim_count(self):
        counts = dict(
            self.env["crm.claim"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.claim_count = counts.get(move, 0)

    def _claim_defaults(self):
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        orders = self.invoice_line_ids.sale_line_ids.order_id
        return {
            "invoice_id": self.id,
            "partner_id": client.id,
            "contact_id": self.partner_id.id if self.partner_id != client else False,
            "sale_order_id": orders.id if len(orders) == 1 else False,
            "lead_id": orders.opportunity_id.id if len(orders.opportunity_id) == 1 else False,
            "user_id": self.invoice_user_id.id,
            "product_ids": self.invoice_line_ids.product_id.ids,
            "company_id": self.company_id.id,
        }

    def action_create_claim(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_new_claim(self._claim_defaults())

    def action_view_claims(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_view_claims(
            [("invoice_id", "=", self.id)], self._claim_defaults()
        )
