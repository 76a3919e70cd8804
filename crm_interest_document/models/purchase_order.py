from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    interest_id = fields.Many2one(
        "crm.lead",
        string="Interest",
        index="btree_not_null",
        copy=False,
        tracking=True,
        domain="[('type', '=', 'opportunity'), '|', ('company_id', '=', False), "
        "('company_id', '=', company_id)]",
        help="The interest (sale to a client) this supplier order is bought for.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sale.order"]._interest_check_link([vals.get("interest_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("interest_id"):
            self.env["sale.order"]._interest_check_link([vals["interest_id"]])
        return super().write(vals)

    @api.constrains("interest_id", "company_id")
    def _check_interest_document(self):
        for order in self.filtered("interest_id"):
            reason = order.interest_id.sudo()._interest_document_refusal(
                _("Supplier order %s", order.name), order.company_id
            )
            if reason:
                raise ValidationError(reason)
