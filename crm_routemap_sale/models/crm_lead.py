from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_routemap_customer_order(self):
        """The interest's customer order, to check and confirm: its commercial offer still
        waiting for confirmation, else a new one made from the primary demand."""
        self.ensure_one()
        self.check_access("write")
        offer = self.order_ids.filtered(lambda o: o.state in ("draft", "sent"))[:1]
        if not offer:
            return self.action_interest_create_quotation()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": offer.id,
            "views": [(self.env.ref("sale.view_order_form").id, "form")],
        }
