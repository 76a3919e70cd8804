from odoo import api, models


class CrmControlTaskPlan(models.TransientModel):
    _inherit = "crm.control.task.plan"

    @api.onchange("control")
    def _onchange_control_client_portrait(self):
        """The properties control offers the fields of the client portrait."""
        if self.control == "properties" and not self.property_field_ids:
            lines = self.env["crm.client.portrait.line"].search(
                [("company_id", "=", self.env.company.id)]
            )
            self.property_field_ids = lines.field_id.filtered(lambda f: f.ttype not in ("boolean",))
