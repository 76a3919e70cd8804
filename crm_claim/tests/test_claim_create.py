from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ClaimCase


@tagged("post_install", "-at_install")
class TestClaimCreate(ClaimCase):
    def _form_of(self, action):
        """The form an action opens on a new claim, with the action's context."""
        self.assertEqual(action["res_model"], "crm.claim")
        self.assertFalse(action.get("res_id"))
        return Form(self.env["crm.claim"].with_context(**action["context"]))

    def test_standalone(self):
        form = Form(self.env["crm.claim"].with_user(self.salesman))
        form.partner_id = self.client
        form.contact_id = self.contact
        form.reason_id = self.reason
        claim = form.save()
        self.assertRegex(claim.name, r"^CLM/\d{4}/\d{5}$")
        self.assertEqual(claim.state, "processing")
        self.assertEqual(claim.user_id, self.salesman)
        self.assertTrue(claim.date)
        self.assertEqual(self.client.claim_count, 1)
        self.assertEqual(self.contact.claim_count, 1)
        other = self._claim()
        self.assertNotEqual(other.name, claim.name)

    def test_subject_in_the_title_and_the_search(self):
        claim = (
            self.env["crm.claim"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "description": "<p>Two chairs arrived broken</p><p>The client wants new ones.</p>",
                }
            )
        )
        self.assertEqual(claim.subject, "Two chairs arrived broken")
        self.assertEqual(claim.display_name, f"{claim.name} — Two chairs arrived broken")
        Claim = self.env["crm.claim"].with_user(self.salesman)
        self.assertEqual(Claim.name_search("chairs arrived")[0][0], claim.id)
        self.assertEqual(Claim.search([("display_name", "ilike", "broken")]), claim)
        # the user's own words stay when the description changes
        claim.subject = "Broken chairs"
        claim.description = "<p>Three chairs, in fact</p>"
        self.assertEqual(claim.subject, "Broken chairs")
        form = Form(Claim)
        form.partner_id = self.client
        self.assertFalse(form.subject)
        with self.assertRaises(AssertionError):  # the form asks for the subject
            form.save()

    def test_from_interest(self):
        interest = self.env["crm.lead"].create(
            {
                "name": "Desks for Romashka",
                "type": "opportunity",
                "partner_id": self.contact.id,
                "user_id": self.salesman.id,
                "demand_line_ids": [Command.create({"product_id": self.product.id})],
            }
        )
        with self._form_of(interest.action_create_claim()) as form:
            self.assertEqual(form.lead_id, interest)
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.contact_id, self.contact)
            self.assertEqual(form.user_id, self.salesman)
            self.assertEqual(form.product_ids[:], self.product)
            form.reason_id = self.reason
        self.assertEqual(interest.claim_count, 1)
        action = interest.action_view_claims()
        self.assertEqual(self.env["crm.claim"].search(action["domain"]), interest.claim_ids)

    def test_from_interaction(self):
        interaction = self.env["crm.interaction"].create(
            {
                "name": "Call: the desks are scratched",
                "kind": "call",
                "partner_id": self.client.id,
                "contact_ids": [Command.set(self.contact.ids)],
                "user_id": self.salesman.id,
                "description": "<p>Two desks are scratched</p>",
            }
        )
        action = interaction.action_create_claim()
        claim = self.env["crm.claim"].browse(action["res_id"])
        self.assertEqual(claim.partner_id, self.client)
        self.assertEqual(claim.contact_id, self.contact)
        self.assertEqual(claim.user_id, self.salesman)
        self.assertIn("Two desks are scratched", claim.description)
        self.assertEqual(interaction.claim_id, claim)
        self.assertEqual(claim.interaction_ids, interaction)
        self.assertEqual(claim.interaction_count, 1)
        # a follow-up call about the claim belongs to its history
        follow_up = self.env["crm.interaction"].create(
            {"name": "Call back", "partner_id": self.client.id, "claim_id": claim.id}
        )
        self.assertEqual(claim.interaction_ids, interaction | follow_up)

    def _order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "user_id": self.salesman.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 2}),
                    Command.create({"product_id": self.product2.id, "product_uom_qty": 4}),
                ],
            }
        )
        order.action_confirm()
        return order

    def test_from_sale_order(self):
        order = self._order()
        with self._form_of(order.action_create_claim()) as form:
            self.assertEqual(form.sale_order_id, order)
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.contact_id, self.contact)
            self.assertEqual(form.user_id, self.salesman)
            self.assertEqual(form.product_ids[:], self.product | self.product2)
            form.subject = "Two desks missing"
        self.assertEqual(order.claim_count, 1)

    def test_from_invoice(self):
        order = self._order()
        order.order_line.qty_delivered = 2
        invoice = order._create_invoices()
        invoice.action_post()
        with self._form_of(invoice.action_create_claim()) as form:
            self.assertEqual(form.invoice_id, invoice)
            self.assertEqual(form.sale_order_id, order)
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.product_ids[:], invoice.invoice_line_ids.product_id)
            form.subject = "Invoiced twice"
        self.assertEqual(invoice.claim_count, 1)
        self.assertEqual(order.claim_count, 1)

    def test_from_client_card(self):
        action = self.contact.action_view_claims()
        with Form(self.env["crm.claim"].with_context(**action["context"])) as form:
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.contact_id, self.contact)
            form.subject = "Rude driver"
        self.assertEqual(self.env["crm.claim"].search(action["domain"]).partner_id, self.client)

    def test_guilty_employee_in_department(self):
        # a salesman without HR rights picks them
        form = Form(self.env["crm.claim"].with_user(self.salesman))
        form.partner_id = self.client
        form.department_id = self.department
        form.employee_id = self.worker
        # changing the department drops an employee who does not work there
        form.department_id = self.other_department
        self.assertFalse(form.employee_id)
        form.employee_id = self.driver
        form.subject = "Late delivery"
        claim = form.save()
        self.assertEqual(claim.employee_id, self.driver)
        # an employee picked alone brings his department
        form = Form(self.env["crm.claim"].with_user(self.salesman))
        form.partner_id = self.client
        form.employee_id = self.worker
        self.assertEqual(form.department_id, self.department)
        with self.assertRefused(ValidationError, "does not work in the guilty department"):
            self._claim(department_id=self.department.id, employee_id=self.driver.id)
