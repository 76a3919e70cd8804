from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_interaction_mailings = fields.Boolean(
        "Register Mailings as Interactions",
        help="Emails of a mailing sent to clients and interests are registered as outgoing "
        "email interactions, like the emails sent one by one.",
    )
