from odoo.addons.crm_interaction.tests.common import InteractionCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestQuotationFromInteraction(InteractionCase):
    def test_quotation_from_a_call_with_its_interest(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Desks",
                "type": "opportunity",
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "team_id": self.team.id,
                "medium_id": self.env.ref("utm.utm_medium_phone").id,
            }
        )
        call = self._interaction(lead_id=lead.id).with_user(self.salesman)
        action = call.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.client)
        self.assertEqual(order.interaction_id, call)
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(order.user_id, self.salesman)
        self.assertEqual(order.medium_id, self.env.ref("utm.utm_medium_phone"))
        self.assertEqual(order.origin, call.name)
        self.assertEqual(order.state, "draft")
        self.assertEqual(call.sale_order_count, 1)
        self.assertIn(order, lead.order_ids)

    def test_no_client_no_quotation(self):
        call = self._interaction(partner_id=False, contact_name="Unknown caller")
        with self.assertRaises(UserError) as caught:
            call.action_create_quotation()
        self.assertIn("create the contact first", str(caught.exception))
        self.assertFalse(self.env["sale.order"].search([("interaction_id", "=", call.id)]))

    def test_salesman_cannot_quote_on_another_salesman_interaction(self):
        call = self._interaction(user_id=self.salesman2.id)
        call.partner_id.user_id = self.salesman2
        with self.assertRaises(AccessError):
            call.with_user(self.salesman).action_create_quotation()
