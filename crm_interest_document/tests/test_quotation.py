from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestQuotation(DocumentCase):
    def test_quotation_lines_equal_the_demand(self):
        order = self._quotation()
        self.assertEqual(order.opportunity_id, self.interest)
        self.assertEqual(order.partner_id, self.client)
        self.assertEqual(order.user_id, self.salesman)
        self.assertEqual(order.team_id, self.team)
        self.assertEqual(order.medium_id, self.medium)
        self.assertEqual(order.source_id, self.source)
        self.assertEqual(order.origin, self.interest.name)
        demand = self.interest.demand_line_ids
        products = order.order_line.filtered(lambda line: not line.display_type)
        self.assertEqual(
            [
                (
                    line.product_id,
                    line.name,
                    line.product_uom_qty,
                    line.product_uom_id,
                    line.price_unit,
                )
                for line in products
            ],
            [
                (line.product_id, line.name, line.quantity, line.product_uom_id, line.price_unit)
                for line in demand.filtered("product_id")
            ],
        )
        # the line without a product becomes a note at its place
        note = order.order_line.filtered(lambda line: line.display_type == "line_note")
        self.assertEqual(note.name, "Delivery to the third floor")
        self.assertEqual(order.order_line[-1], note)
        self.assertEqual(order.amount_untaxed, self.untaxed)
        self.assertEqual(order.amount_untaxed, self.interest.expected_revenue)
        self.assertEqual(order.amount_total, self.total)
        self.assertEqual(self.interest.quotation_count, 1)
        self.assertEqual(self.interest.quoted_amount, self.untaxed)
        self.assertEqual(self.interest.document_stage, "quoted")

    def test_quotation_needs_client_and_demand(self):
        no_client = self._interest("No client yet", partner_id=False)
        with self.assertRaises(UserError) as cm:
            no_client.action_interest_create_quotation()
        self.assertIn("Set the client", str(cm.exception))
        no_demand = self._interest("Nothing wanted yet")
        with self.assertRaises(UserError) as cm:
            no_demand.action_interest_create_quotation()
        self.assertIn("has no primary demand", str(cm.exception))
        self.assertFalse(no_demand.order_ids)

    def test_commercial_offer_report(self):
        order = self._quotation()
        html = self._render("crm_interest_document.action_report_commercial_offer", order)
        for text in (
            "Commercial Offer No.",
            order.name,
            self.company.name,
            self.company.vat,
            self.client.name,
            self.client.vat,
            "Office desk",
            "Delivery to the third floor",
            "Valid Until",
            self.salesman.name,
            self._money(4000),
            self._money(self.untaxed),
            self._money(self.tax),
            self._money(self.total),
        ):
            self.assertIn(text, html)
        self.assertTrue(order.validity_date)
        self.assertIn(
            fields.Date.to_string(order.validity_date).split("-")[0], html, "validity year shown"
        )

    def test_send_commercial_offer(self):
        order = self._quotation()
        action = order.action_interest_send_offer()
        template = self.env.ref("crm_interest_document.mail_template_commercial_offer")
        self.assertEqual(action["context"]["default_template_id"], template.id)
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({})
        self.assertIn(order.name, composer.subject)
        # a PDF outside tests; Odoo renders reports as HTML while testing
        self.assertEqual(
            composer.attachment_ids.mapped(lambda att: att.name.rsplit(".", 1)[0]),
            [f"Commercial Offer - {order.name}"],
        )
        composer._action_send_mail()
        self.assertEqual(order.state, "sent")
        self.assertIn(self.client, order.message_ids[:1].partner_ids)

    def test_won_when_first_order_confirmed(self):
        self.scenario.won_on_first_order = True
        order = self._quotation()
        second = self._quotation()
        order.action_confirm()
        self.assertEqual(self.interest.won_status, "won")
        self.assertEqual(self.interest.stage_id, self.s_won)
        self.assertEqual(self.interest.sale_order_count, 1)
        self.assertEqual(self.interest.ordered_amount, order.amount_untaxed)
        self.assertEqual(self.interest.quoted_amount, second.amount_untaxed)
        self.assertEqual(self.interest.document_stage, "ordered")

    def test_not_won_without_the_option(self):
        self._quotation().action_confirm()
        self.assertEqual(self.interest.won_status, "pending")

    def test_won_refused_by_the_scenario_keeps_the_order(self):
        self.scenario.won_on_first_order = True
        self.env["crm.interest.checklist.item"].create(
            {"name": "Decision maker known", "stage_id": self.s_contact.id}
        )
        interest = self._interest(
            "Chairs only",
            demand_line_ids=[
                fields.Command.create({"product_id": self.chair.id, "quantity": 3}),
            ],
        )
        self.assertEqual(interest.stage_id, self.s_contact)
        order = self._quotation(interest)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(interest.won_status, "pending")
        self.assertIn("could not be marked won", interest.message_ids[0].body)
        self.assertIn("Decision maker known", interest.message_ids[0].body)

    def test_the_commercial_offer_item_ticks_itself(self):
        """A checklist item the data answers ("Commercial offer made") cannot be ticked by
        hand without a quotation: it ticks itself when the interest has one (issue 22)."""
        self.env["crm.interest.checklist.item"].create(
            {"name": "Commercial offer made", "stage_id": self.s_contact.id, "auto_check": "offer"}
        )
        interest = self._interest(
            "Offer by the data",
            demand_line_ids=[fields.Command.create({"product_id": self.desk.id, "quantity": 2})],
        ).with_user(self.salesman)
        line = interest.checklist_line_ids.filtered(lambda line: line.auto_check == "offer")
        self.assertFalse(line.done)
        with self.assertRaises(UserError):
            line.write({"done": True})
        self.assertFalse(line.done)
        order = self.env["sale.order"].browse(interest.action_interest_create_quotation()["res_id"])
        self.assertEqual(order.create_uid, self.salesman)
        self.assertTrue(line.done)
        self.assertEqual(interest.checklist_todo_count, 0)
        order.action_cancel()
        self.assertFalse(line.done)
