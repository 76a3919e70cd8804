from odoo import fields, models


class CrmInterestScenario(models.Model):
    _inherit = "crm.interest.scenario"

    won_on_first_order = fields.Boolean(
        string="Won When the First Order Is Confirmed",
        help="Mark an interest of this scenario won as soon as its first customer order "
        "(a quotation of the interest) is confirmed.",
    )
