from odoo import fields, models


class CrmClaimReason(models.Model):
    _name = "crm.claim.reason"
    _description = "Claim Reason"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
