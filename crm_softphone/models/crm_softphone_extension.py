from odoo import fields, models


class CrmSoftphoneExtension(models.Model):
    _name = "crm.softphone.extension"
    _description = "PBX Extension"
    _order = "pbx_id, name"

    name = fields.Char("Extension", required=True, help="The user's internal number, e.g. 204.")
    pbx_id = fields.Many2one("crm.softphone.pbx", "PBX", required=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users", "User", required=True, index=True, domain="[('share', '=', False)]"
    )
    company_id = fields.Many2one(related="pbx_id.company_id", store=True)

    _extension_unique = models.Constraint(
        "UNIQUE(pbx_id, name)", "An extension belongs to one user of its PBX."
    )
