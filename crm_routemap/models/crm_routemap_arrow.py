from odoo import fields, models


class CrmRoutemapArrow(models.Model):
    _name = "crm.routemap.arrow"
    _description = "Route Map Arrow"
    _order = "routemap_id, id"

    routemap_id = fields.Many2one(
        "crm.routemap", string="Route Map", required=True, ondelete="cascade", index=True
    )
    element_id = fields.Char(string="Element", required=True, readonly=True)
    name = fields.Char(string="Answer / Label", translate=True)
    source_id = fields.Many2one("crm.routemap.point", string="From", ondelete="cascade", index=True)
    target_id = fields.Many2one("crm.routemap.point", string="To", ondelete="cascade")
    source_kind = fields.Selection(related="source_id.kind", string="From Kind")
    condition = fields.Char(
        help="For an arrow leaving a condition: a Python expression over `object` (the interest), "
        "evaluated safely, e.g. object.expected_revenue > 100000.",
    )
    is_default = fields.Boolean(
        string="Default", help="Taken when no condition of the other arrows holds."
    )

    _element_unique = models.Constraint(
        "UNIQUE(routemap_id, element_id)", "An arrow appears once per map."
    )

    def _compute_display_name(self):
        for arrow in self:
            arrow.display_name = arrow.name or (f"{arrow.source_id.name} → {arrow.target_id.name}")

    def write(self, vals):
        self.routemap_id._routemap_check_draft()
        return super().write(vals)
