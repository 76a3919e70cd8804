from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    interest_id = fields.Many2one(
        "crm.lead",
        string="Interest",
        compute="_compute_interest_id",
        store=True,
        index="btree_not_null",
        help="The interest of the customer orders this invoice bills.",
    )

    @api.depends("line_ids.sale_line_ids.order_id.opportunity_id")
    def _compute_interest_id(self):
        for move in self:
            move.interest_id = move.line_ids.sale_line_ids.order_id.opportunity_id[:1]

    def _interest_certificate_lines(self):
        """Invoice lines of services: the content of a completion certificate."""
        if self.move_type != "out_invoice":
            return self.env["account.move.line"]
        return self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product" and line.product_id.type == "service"
        )
