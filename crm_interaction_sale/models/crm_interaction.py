from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    sale_order_ids = fields.One2many("sale.order", "interaction_id", string="Quotations")
    sale_order_count = fields.Integer(compute="_compute_sale_order_count", string="Quotation Count")

    @api.depends("sale_order_ids")
    def _compute_sale_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("interaction_id", "in", self.ids)], ["interaction_id"], ["__count"]
            )
        )
        for interaction in self:
            interaction.sale_order_count = counts.get(interaction, 0)

    def action_create_quotation(self):
        """A quotation for the interaction's client, tied to it and to its interest."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                _(
                    'Interaction "%s" has no client yet: create the contact first, then the '
                    "quotation.",
                    self.name,
                )
            )
        lead = self.lead_id
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "interaction_id": self.id,
                "opportunity_id": lead.id,
                "origin": self.name,
                "user_id": (self.user_id or lead.user_id).id,
                "team_id": (self.team_id or lead.team_id).id,
                "company_id": (self.company_id or lead.company_id or self.env.company).id,
                "campaign_id": lead.campaign_id.id,
                "medium_id": lead.medium_id.id,
                "source_id": lead.source_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_sale_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quotations"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("interaction_id", "=", self.id)],
            "context": {"create": False},
        }
