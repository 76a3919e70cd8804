from odoo import fields, models


class CrmRoutemapProcess(models.Model):
    _inherit = "crm.routemap.process"

    diagram_labels = fields.Json(related="routemap_id.diagram_labels")
