from odoo.addons.crm_softphone.pure import calls
from odoo.addons.crm_softphone.tests.common import SoftphoneCommon
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPopupClaims(SoftphoneCommon, TransactionCase):
    def test_popup_lists_open_claims_and_registers_one_from_the_call(self):
        claim = self.env["crm.claim"].create(
            {"partner_id": self.client.id, "user_id": self.salesman.id, "description": "Late"}
        )
        self.pbx.softphone_ingest(
            calls.check_body({"events": self.incoming("k1", "+74951234567", answered=False)[:2]})
        )
        call = self.call("k1")
        payload = call.with_user(self.salesman)._softphone_popup_payload()
        self.assertEqual([c["id"] for c in payload["claims"]], [claim.id])
        self.assertIn("action_create_claim", [a["method"] for a in payload["actions"]])
        # a user without claim rights (nor sales rights) gets neither, and no error
        plain = new_test_user(self.env, "sp_plain", groups="base.group_user")
        payload = call.with_user(plain)._softphone_popup_payload()
        self.assertEqual(payload["claims"], [])
        self.assertEqual(payload["actions"], [])
        # from the call: a claim of its client, the call in its history
        action = call.with_user(self.salesman).action_create_claim()
        new = self.env["crm.claim"].browse(action["res_id"])
        self.assertEqual(new.partner_id, self.client)
        self.assertEqual(call.claim_id, new)

    def test_a_claim_from_the_action_menu_of_a_call(self):
        """On a call's form the claim is in the action menu (the header holds the call's main
        actions only)."""
        self.ingest(*self.incoming("k2", "+74951234567", answered=False))
        call = self.call("k2")
        register = self.env.ref("crm_softphone_claim.crm_interaction_action_create_claim")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.salesman)
            .get_bindings("crm.interaction")["action"]
        )
        self.assertIn(register.id, [action["id"] for action in bindings])
        action = (
            register.with_user(self.salesman)
            .with_context(active_model="crm.interaction", active_id=call.id, active_ids=call.ids)
            .run()
        )
        self.assertEqual(call.claim_id.id, action["res_id"])
        self.assertEqual(call.claim_id.partner_id, self.client)
