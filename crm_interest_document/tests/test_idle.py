from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestDocumentsAreNoClientWork(DocumentCase):
    """Issue 9: order-line edits, postings and payments are accounting, not client work:
    they leave the interest's last client work (what the "days without activity" triggers
    count from) where it was."""

    def test_order_edits_postings_and_payments_keep_the_idle_time(self):
        order = self._quotation()
        self.env.flush_all()
        stale = fields.Datetime.now() - timedelta(days=9)
        self.env.cr.execute(
            "UPDATE crm_lead SET interest_activity_date = %s WHERE id = %s",
            (stale, self.interest.id),
        )
        self.env.invalidate_all()
        order.order_line[:1].product_uom_qty += 1
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.env.flush_all()
        self.env.invalidate_all()
        # the figures followed the documents...
        self.assertEqual(self.interest.document_stage, "paid")
        # ...the idle time did not move
        self.assertEqual(self.interest.interest_activity_date, stale)
