from odoo import fields, models


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    is_competitor = fields.Boolean(
        string="Lost to Competitor",
        help="Interests lost for this reason must name the competitor who won.",
    )
