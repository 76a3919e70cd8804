import json

from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestEndpoint(SoftphoneCommon, HttpCase):
    def post(self, body, token="secret-token", pbx=None, raw=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["X-Softphone-Token"] = token
        return self.url_open(
            f"/crm_softphone/pbx/{(pbx or self.pbx).id}/events",
            data=raw if raw is not None else json.dumps(body),
            headers=headers,
        )

    def test_refusals_are_clear(self):
        event = self.ev("e1", "ring", 0, **{"from": "+79161234567"})
        self.assertEqual(self.post(event, token=None).status_code, 401)
        self.assertEqual(self.post(event, token="wrong").status_code, 401)
        unknown = self.url_open(
            "/crm_softphone/pbx/999999/events",
            data=json.dumps(event),
            headers={"X-Softphone-Token": "secret-token"},
        )
        self.assertEqual(unknown.status_code, 404)
        bad_json = self.post(None, raw="{not json")
        self.assertEqual(bad_json.status_code, 400)
        self.assertIn("not JSON", bad_json.json()["error"])
        bad = self.post({"call_id": "e1", "event": "dial", "time": "2026-11-23T10:00:00Z"})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("event must be one of", bad.json()["error"])
        self.assertFalse(self.call("e1"))

    def test_refusals_speak_the_companys_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_softphone"], ["ru_RU"])
        self.pbx.company_id.partner_id.lang = "ru_RU"
        event = self.ev("e1", "ring", 0, **{"from": "+79161234567"})
        wrong = self.post(event, token="wrong")
        self.assertEqual(wrong.status_code, 401)
        self.assertEqual(
            wrong.json()["error"], "Заголовок X-Softphone-Token отсутствует или неверен."
        )
        bad_json = self.post(None, raw="{not json")
        self.assertEqual(bad_json.json()["error"], "Тело запроса не является JSON.")
        bad = self.post({"call_id": "e1", "event": "dial", "time": "2026-11-23T10:00:00Z"})
        self.assertTrue(bad.json()["error"].startswith("События не приняты: "))

    def test_duplicates_and_reordered_events_make_one_call(self):
        events = self.incoming("e2", "+79161234567")
        for event in [events[3], events[0], events[3], events[2], events[1], events[0]]:
            response = self.post(event)
            self.assertEqual(response.status_code, 200, response.text)
        response = self.post({"events": events + events})
        self.assertEqual(response.json(), {"events": 8, "calls": 1})
        call = self.call("e2")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.user_id, self.salesman)
        self.assertEqual(call.call_state, "awaiting_result")
        self.assertEqual(call.call_talk_time, 1.0)
