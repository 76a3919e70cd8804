from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestUi(SoftphoneCommon, HttpCase):
    def test_tour_incoming_call_client_and_result(self):
        self.start_tour(
            "/odoo",
            "crm_softphone_tour",
            login="sp_salesman",
            cookies={"crm_softphone_tour": f"{self.pbx.id}:secret-token"},
        )
        call = self.call("tour-1")
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.user_id, self.salesman)
        self.assertEqual(call.call_result_id, self.result)
        self.assertEqual(call.result, "Sends the order tomorrow")
        self.assertEqual(call.call_state, "done")

    def test_tour_unknown_caller_linked_to_his_existing_card(self):
        partners = self.env["res.partner"].search_count([])
        self.start_tour(
            "/odoo",
            "crm_softphone_contact_tour",
            login="sp_salesman",
            cookies={"crm_softphone_tour": f"{self.pbx.id}:secret-token"},
        )
        call = self.call("tour-2")
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.contact_ids, self.contact)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_tour_administrator_reads_and_copies_a_new_token(self):
        """After "New Token" the administrator reads the token (the tour compares it with the
        stored one) and has its copy button."""
        old = self.pbx.token
        self.start_tour(
            f"/odoo/action-crm_softphone.crm_softphone_pbx_action/{self.pbx.id}",
            "crm_softphone_token_tour",
            login="admin",
        )
        self.assertNotEqual(self.pbx.token, old, "a new token was generated")
