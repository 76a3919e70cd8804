from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_access_scope = fields.Selection(
        related="company_id.crm_access_scope", readonly=False, string="Client Visibility"
    )
    crm_access_clients = fields.Boolean(
        related="company_id.crm_access_clients", readonly=False, string="Restrict the Client List"
    )
