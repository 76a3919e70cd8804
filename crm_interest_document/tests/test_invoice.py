from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestInvoice(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._quotation()
        cls.order.action_confirm()

    def _invoice(self):
        invoice = self.order._create_invoices()
        invoice.action_post()
        return invoice

    def _pay(self, invoice, amount):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount})._create_payments()

    def test_invoice_links_back_and_figures_follow(self):
        invoice = self._invoice()
        self.assertEqual(invoice.interest_id, self.interest)
        self.assertEqual(self.interest.invoice_ids, invoice)
        self.assertEqual(self.interest.invoice_count, 1)
        self.assertEqual(invoice.amount_total, self.total)
        self.assertEqual(self.interest.invoiced_amount, self.total)
        self.assertEqual(self.interest.paid_amount, 0.0)
        self.assertEqual(self.interest.document_stage, "invoiced")
        self._pay(invoice, 4000.0)
        self.assertEqual(self.interest.paid_amount, 4000.0)
        self.assertEqual(self.interest.document_stage, "invoiced")
        self._pay(invoice, self.total - 4000.0)
        self.assertEqual(self.interest.paid_amount, self.total)
        self.assertEqual(self.interest.document_stage, "paid")
        # the smart buttons' figures are those of the documents
        self.assertEqual(self.interest.ordered_amount, self.order.amount_untaxed)
        self.assertEqual(self.interest.ordered_amount, self.interest.sale_amount_total)
        self.assertEqual(self.interest.sale_order_count, 1)
        self.assertEqual(self.interest.quoted_amount, 0.0)
        action = self.interest.action_view_invoices()
        self.assertEqual(action["res_id"], invoice.id)
        # the analysis groups interests by document stage and sums the amounts
        groups = self.env["crm.lead"]._read_group(
            [("id", "=", self.interest.id)],
            ["document_stage"],
            ["invoiced_amount:sum", "paid_amount:sum"],
        )
        self.assertEqual(groups, [("paid", self.total, self.total)])

    def test_completion_certificate_of_invoice_and_order(self):
        invoice = self._invoice()
        for report, record in (
            ("crm_interest_document.action_report_certificate_invoice", invoice),
            ("crm_interest_document.action_report_certificate_order", self.order),
        ):
            html = self._render(report, record)
            for text in (
                "Completion Certificate No.",
                record.name,
                "Executor",
                "Customer",
                self.company.name,
                self.company.vat,
                self.client.name,
                self.client.vat,
                "Furniture assembly",
                self._money(3000),
                self._money(3600),
                "signature / full name",
            ):
                self.assertIn(text, html, report)
            # goods are not services: they are not certified
            self.assertNotIn("Office desk", html)
            self.assertNotIn(self._money(self.total), html)

    def test_certificate_without_service_is_refused(self):
        goods = self._interest(
            "Chairs only",
            demand_line_ids=[(0, 0, {"product_id": self.chair.id, "quantity": 2})],
        )
        order = self._quotation(goods)
        with self.assertRaises(UserError) as cm:
            self._render("crm_interest_document.action_report_certificate_order", order)
        self.assertIn("has no service line", str(cm.exception))
