from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestDocumentAccess(DocumentCase):
    def test_salesman_documents_own_interest_only(self):
        order = self._quotation(self.interest.with_user(self.salesman))
        self.assertEqual(order.opportunity_id, self.interest)
        with self.assertRaises(AccessError):
            self.interest.with_user(self.salesman2).action_interest_create_quotation()
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.salesman2).create(
                {"partner_id": self.client.id, "opportunity_id": self.interest.id}
            )
        own = (
            self.env["sale.order"].with_user(self.salesman2).create({"partner_id": self.client.id})
        )
        with self.assertRaises(AccessError):
            own.write({"opportunity_id": self.interest.id})
        self.assertEqual(self.interest.order_ids, order)

    def test_salesman_reads_the_figures(self):
        self._quotation().action_confirm()
        self.interest.action_interest_create_purchase_orders()
        self.assertFalse(self.salesman.has_group("purchase.group_purchase_user"))
        figures = self.interest.with_user(self.salesman).read(
            ["quoted_amount", "ordered_amount", "invoice_count"]
        )[0]
        self.assertEqual(figures["ordered_amount"], self.untaxed)
        self.assertEqual(figures["invoice_count"], 0)
        self.env["crm.lead"].with_user(self.salesman).get_views([(False, "form")])

    def test_purchase_costs_hidden_from_salesmen_without_purchase_rights(self):
        self.interest.action_interest_create_purchase_orders()
        self.interest.purchase_order_ids.button_confirm()
        as_salesman = self.interest.with_user(self.salesman)
        for fname in ("purchased_amount", "purchase_order_count", "purchase_order_ids"):
            with self.assertRaises(AccessError):
                as_salesman.read([fname])
        with self.assertRaises(AccessError):
            as_salesman.search_read([("purchased_amount", ">", 0)], ["name"])
        with self.assertRaises(AccessError):
            as_salesman.action_view_purchase_orders()
        views = as_salesman.get_views([(False, "form"), (False, "search")])["views"]
        self.assertNotIn("purchased_amount", views["form"]["arch"])
        self.assertNotIn("filter_purchased", views["search"]["arch"])
        self.salesman.group_ids += self.env.ref("purchase.group_purchase_user")
        figures = as_salesman.read(["purchased_amount", "purchase_order_count"])
        self.assertEqual(figures[0]["purchase_order_count"], 2)
        self.assertEqual(figures[0]["purchased_amount"], 2900.0)  # 4 x 500 + 10 x 90

    def test_partner_outside_the_client_is_refused(self):
        order = self._quotation()
        order.partner_id = self.contact  # a contact of the client is fine
        stranger = self.env["res.partner"].create({"name": "Stranger LLC", "is_company": True})
        with self.assertRaises(ValidationError) as cm:
            order.partner_id = stranger
        self.assertIn("outside Romashka LLC", str(cm.exception))
        with self.assertRaises(ValidationError) as cm:
            self.env["sale.order"].create(
                {"partner_id": stranger.id, "opportunity_id": self.interest.id}
            )
        self.assertIn("Stranger LLC", str(cm.exception))

    def test_document_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Other Company"})
        self.interest.company_id = self.company
        with self.assertRaises(ValidationError) as cm:
            self.env["purchase.order"].create(
                {
                    "partner_id": self.vendor_a.id,
                    "company_id": other.id,
                    "interest_id": self.interest.id,
                    "order_line": [Command.create({"product_id": self.desk.id})],
                }
            )
        self.assertIn("belongs to company Other Company", str(cm.exception))
