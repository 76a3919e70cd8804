from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    interaction_ids = fields.One2many("crm.interaction", "lead_id", string="Interactions")
    interaction_count = fields.Integer(compute="_compute_interaction_count")

    def _compute_interaction_count(self):
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.interaction_count = counts.get(lead, 0)

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
