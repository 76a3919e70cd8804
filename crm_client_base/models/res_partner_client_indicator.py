from odoo import api, fields, models


class ResPartner(models.Model):
    """The client's indicators and class history on his card (the card's other fields are in
    res_partner.py)."""

    _inherit = "res.partner"

    client_indicator_ids = fields.One2many(
        "crm.client.indicator",
        "partner_id",
        string="Client Indicators",
        readonly=True,
        groups="sales_team.group_sale_salesman",
    )
    client_class_line_ids = fields.One2many(
        "crm.client.class.line",
        "partner_id",
        string="Class History",
        readonly=True,
        groups="sales_team.group_sale_salesman",
    )

    @api.readonly
    def action_view_client_classes(self):
        """The client's classes run by run."""
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_client_base.crm_client_class_line_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {}
        action["view_mode"] = "list,pivot,graph"
        action["views"] = [(False, "list"), (False, "pivot"), (False, "graph")]
        return action
