from odoo import fields, models


class CrmInterestChecklistItem(models.Model):
    _inherit = "crm.interest.checklist.item"

    auto_check = fields.Selection(
        selection_add=[("offer", "Commercial offer made")], ondelete={"offer": "set null"}
    )
