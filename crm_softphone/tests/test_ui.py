import json

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

    def test_tour_popup_closed_on_demand(self):
        self.start_tour(
            "/odoo",
            "crm_softphone_popup_close_tour",
            login="sp_salesman",
            cookies={"crm_softphone_tour": f"{self.pbx.id}:secret-token"},
        )
        self.assertEqual(self.call("tour-3").call_state, "in_progress")

    def test_tour_popup_in_russian_keeps_its_words_whole(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.salesman.lang = "ru_RU"
        self.start_tour(
            "/odoo",
            "crm_softphone_popup_close_tour",
            login="sp_salesman",
            cookies={"crm_softphone_tour": f"{self.pbx.id}:secret-token"},
        )
        self.env.cr.precommit.run()
        shown = [
            action["name"]
            for message in self.env["bus.bus"].sudo().search([])
            for action in json.loads(message.message)["payload"].get("actions", [])
        ]
        self.assertIn("Запланировать взаимодействие", shown)  # the popup was in Russian

    def test_tour_call_form_missed_or_done_one_duration_two_buttons(self):
        self.ingest(*self.incoming("form-1", "+74951234567", answered=False))
        self.ingest(*self.incoming("form-2", "+74951234567", talk=150))
        self.call("form-2").call_result_id = self.result
        # the wrap-up dialog of the answered call was sent before the user came: not shown
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        self.start_tour("/odoo", "crm_softphone_call_form_tour", login="sp_salesman")

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
