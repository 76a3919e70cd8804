from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_interaction_mailings = fields.Boolean(
        related="company_id.crm_interaction_mailings", readonly=False
    )
