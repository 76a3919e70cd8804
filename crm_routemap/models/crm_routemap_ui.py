from odoo import api, fields, models


class CrmRoutemap(models.Model):
    _inherit = "crm.routemap"

    diagram_labels = fields.Json(
        compute="_compute_diagram_labels",
        help="What the diagram shows on each element: the point's or the arrow's name in the "
        "reader's language (the drawn XML keeps the names it was drawn with).",
    )

    @api.depends("point_ids.name", "point_ids.element_id", "arrow_ids.name", "arrow_ids.element_id")
    @api.depends_context("lang")
    def _compute_diagram_labels(self):
        for routemap in self:
            routemap.diagram_labels = routemap._routemap_labels()

    def _routemap_labels(self):
        """{BPMN element id: name in the reader's language} for the named points and arrows
        (a point named after its technical id shows no label, as it was drawn)."""
        self.ensure_one()
        return {
            record.element_id: record.name
            for record in (*self.point_ids, *self.arrow_ids)
            if record.element_id and record.name and record.name != record.element_id
        }
