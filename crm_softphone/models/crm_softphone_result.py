from odoo import fields, models


class CrmSoftphoneResult(models.Model):
    _name = "crm.softphone.result"
    _description = "Call Result"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
