from odoo.addons.crm_softphone.tests.common import SoftphoneCommon
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPopupQuotations(SoftphoneCommon, TransactionCase):
    def test_popup_lists_open_quotations_and_creates_one_from_the_call(self):
        product = self.env["product.product"].create({"name": "Desk", "list_price": 100})
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
            }
        )
        confirmed = quotation.copy()
        confirmed.action_confirm()
        self.ingest(*self.incoming("q1", "+74951234567", answered=False)[:2])
        call = self.call("q1")
        payload = call.with_user(self.salesman)._softphone_popup_payload()
        self.assertEqual(
            [(q["id"], q["amount"]) for q in payload["quotations"]], [(quotation.id, 200.0)]
        )
        self.assertIn("action_create_quotation", [a["method"] for a in payload["actions"]])
        # a user without sales rights gets neither, and no error
        plain = new_test_user(self.env, "sps_plain", groups="base.group_user")
        payload = call.with_user(plain)._softphone_popup_payload()
        self.assertNotIn("quotations", payload)
        self.assertNotIn("action_create_quotation", [a["method"] for a in payload["actions"]])
        # from the call: a quotation of its client, tied to the call and to its interest
        action = call.with_user(self.salesman).action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.client)
        self.assertEqual(order.interaction_id, call)
        self.assertEqual(order.opportunity_id, self.lead)

    def test_a_quotation_from_the_action_menu_of_a_call(self):
        """On a call's form the quotation is in the action menu (the header holds the call's
        main actions only)."""
        self.ingest(*self.incoming("q2", "+74951234567", answered=False))
        call = self.call("q2")
        create = self.env.ref("crm_softphone_sale.crm_interaction_action_create_quotation")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.salesman)
            .get_bindings("crm.interaction")["action"]
        )
        self.assertIn(create.id, [action["id"] for action in bindings])
        action = (
            create.with_user(self.salesman)
            .with_context(active_model="crm.interaction", active_id=call.id, active_ids=call.ids)
            .run()
        )
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual((order.partner_id, order.interaction_id), (self.client, call))
