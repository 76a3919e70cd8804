from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestPurchase(DocumentCase):
    def test_supplier_orders_split_by_vendor_and_list_missing(self):
        action = self.interest.action_interest_create_purchase_orders()
        orders = self.interest.purchase_order_ids
        self.assertEqual(len(orders), 2)
        by_vendor = {order.partner_id: order for order in orders}
        # the desk goes to its first supplier (sequence 1), not to the cheaper second one
        self.assertEqual(
            [(line.product_id, line.product_qty) for line in by_vendor[self.vendor_a].order_line],
            [(self.desk, 4.0)],
        )
        self.assertEqual(
            [(line.product_id, line.product_qty) for line in by_vendor[self.vendor_b].order_line],
            [(self.chair, 10.0)],
        )
        self.assertEqual(by_vendor[self.vendor_b].order_line.price_unit, 90.0)
        self.assertEqual(set(orders.mapped("origin")), {self.interest.name})
        # the lines without a vendor are named, in the notification and on the interest
        self.assertEqual(action["tag"], "display_notification")
        message = action["params"]["message"]
        for name in ("Desk lamp", "Furniture assembly", "Delivery to the third floor"):
            self.assertIn(name, message)
            self.assertIn(name, self.interest.message_ids[0].body)
        self.assertNotIn("Office desk", message)
        _id, _in, next_ids = action["params"]["next"]["domain"][0]
        self.assertEqual(set(next_ids), set(orders.ids))
        # the smart button counts them; confirmed ones are purchased
        self.assertEqual(self.interest.purchase_order_count, 2)
        self.assertEqual(self.interest.purchased_amount, 0.0)
        by_vendor[self.vendor_a].button_confirm()
        self.assertEqual(self.interest.purchased_amount, 2000.0)
        self.assertEqual(by_vendor[self.vendor_a].amount_untaxed, 2000.0)

    def test_all_lines_with_vendor_opens_the_orders(self):
        interest = self._interest(
            "Desks only",
            demand_line_ids=[Command.create({"product_id": self.desk.id, "quantity": 2})],
        )
        action = interest.action_interest_create_purchase_orders()
        self.assertEqual(action["res_model"], "purchase.order")
        self.assertEqual(action["res_id"], interest.purchase_order_ids.id)
        self.assertEqual(interest.purchase_order_ids.partner_id, self.vendor_a)

    def test_no_vendor_at_all_is_refused(self):
        interest = self._interest(
            "Lamps only",
            demand_line_ids=[Command.create({"product_id": self.lamp.id, "quantity": 5})],
        )
        with self.assertRaises(UserError) as cm:
            interest.action_interest_create_purchase_orders()
        self.assertIn("No supplier order created", str(cm.exception))
        self.assertIn("Desk lamp", str(cm.exception))
        self.assertFalse(interest.purchase_order_ids)

    def test_amounts_at_the_rate_of_the_document_date(self):
        """A foreign-currency order counts at its own date's rate, and stays so when the
        rate changes later."""
        currency = self.env["res.currency"].create(
            {
                "name": "XTS",
                "symbol": "X",
                "rate_ids": [Command.create({"name": "2026-01-01", "rate": 0.5})],
            }
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor_a.id,
                "interest_id": self.interest.id,
                "currency_id": currency.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.desk.id, "product_qty": 1, "price_unit": 100}
                    )
                ],
            }
        )
        order.button_confirm()
        order.date_order = "2026-01-10 10:00:00"
        self.assertEqual(self.interest.purchased_amount, 200.0)  # 100 XTS at 0.5
        self.env["res.currency.rate"].create(
            {"currency_id": currency.id, "name": fields.Date.today(), "rate": 0.25}
        )
        order.order_line.price_unit = 110  # any recomputation of the figures
        self.assertEqual(self.interest.purchased_amount, 220.0)  # still the rate of 10 January
