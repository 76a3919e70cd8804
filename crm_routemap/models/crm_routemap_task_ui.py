from odoo import fields, models


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

    diagram_labels = fields.Json(related="process_id.routemap_id.diagram_labels")
