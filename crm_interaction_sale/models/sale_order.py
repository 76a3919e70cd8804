from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    interaction_id = fields.Many2one(
        "crm.interaction",
        string="Interaction",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The interaction this quotation was made from.",
    )
