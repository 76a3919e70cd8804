from odoo import _, models
from odoo.fields import Domain


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    def _softphone_popup_extend(self, payload):
        payload = super()._softphone_popup_extend(payload)
        client = payload.get("client")
        Order = self.env["sale.order"]
        if not client or not Order.has_access("read"):
            return payload
        orders = Order.search(
            Domain("partner_id", "child_of", client["id"])
            & Domain("state", "in", ("draft", "sent")),
            limit=10,
        )
        payload["quotations"] = [
            {
                "id": order.id,
                "name": order.name,
                "model": "sale.order",
                "amount": order.amount_total,
                "currency": order.currency_id.name,
                "currency_id": order.currency_id.id,
            }
            for order in orders
        ]
        if Order.has_access("create"):
            payload["actions"].append(
                {"name": _("New Quotation"), "method": "action_create_quotation"}
            )
        return payload
