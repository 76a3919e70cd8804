from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    client_key_person_ids = fields.One2many(
        related="partner_id.commercial_partner_id.client_key_person_ids",
        string="Key Persons",
    )
