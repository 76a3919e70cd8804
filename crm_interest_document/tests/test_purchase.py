from odoo import Command
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
