from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestCallIsEvidence(SoftphoneCommon, HttpCase):
    """Over JSON-RPC, as the salesman who owns the call: what the PBX recorded stays as it
    was; the result, the note and the links to client, contact and interest are his."""

    def rpc(self, method, *args):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/crm.interaction/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "crm.interaction",
                    "method": method,
                    "args": list(args),
                    "kwargs": {},
                },
            },
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_salesman_cannot_rewrite_what_the_pbx_recorded(self):
        self.ingest(*self.incoming("ev1", "+79161234567"))
        call = self.call("ev1")
        self.assertEqual(call.user_id, self.salesman)
        recorded = {
            name: call[name]
            for name in ("call_uid", "call_from", "call_to", "call_start", "call_answer",
                         "call_end", "call_extension", "call_answer_extension", "date",
                         "phone", "direction", "call_number_e164")
        }  # fmt: skip
        pbx = call.softphone_pbx_id
        self.authenticate("sp_salesman", "sp_salesman")
        forged = {
            "call_uid": "forged",
            "call_from": "+70000000000",
            "call_to": "000",
            "call_start": "2020-01-01 00:00:00",
            "call_end": "2030-01-01 00:00:00",
            "call_answer_extension": "202",
            "call_ring_extension": "202",
            "call_number_e164": "+70000000000",
            "call_recording_url": "https://evil.example.com/x.wav",
            "call_called_back": True,
            "softphone_pbx_id": False,
            "date": "2020-01-01 00:00:00",
            "phone": "+70000000000",
            "direction": "outgoing",
            "kind": "meeting",
        }
        for field, value in forged.items():
            answer = self.rpc("write", [call.id], {field: value})
            self.assertIn("error", answer, field)
            self.assertIn("AccessError", answer["error"]["data"]["name"], field)
            self.assertIn("cannot be changed by hand", answer["error"]["data"]["message"])
        # nor a forged call created from nothing
        answer = self.rpc(
            "create",
            [{"name": "Forged", "kind": "call", "call_uid": "forged", "softphone_pbx_id": pbx.id}],
        )
        self.assertIn("AccessError", answer["error"]["data"]["name"])
        call.invalidate_recordset()
        self.assertEqual({name: call[name] for name in recorded}, recorded)
        self.assertEqual(call.softphone_pbx_id, pbx)

        # what is his to give
        answer = self.rpc(
            "write",
            [call.id],
            {
                "call_result_id": self.result.id,
                "result": "Agreed on a demo",
                "partner_id": self.client.id,
                "contact_ids": [(6, 0, self.contact.ids)],
                "lead_id": self.lead.id,
            },
        )
        self.assertEqual(answer.get("result"), True, answer)
        call.invalidate_recordset()
        self.assertEqual(call.call_result_id, self.result)
        self.assertEqual(call.result, "Agreed on a demo")
        self.assertEqual(call.call_state, "done")
        # and a plain interaction of his stays his to edit in full
        answer = self.rpc(
            "create",
            [{"name": "Met at the fair", "kind": "meeting", "user_id": self.salesman.id,
              "partner_id": self.client.id, "phone": "+79161234567"}],
        )  # fmt: skip
        self.assertIn("result", answer, answer)
        answer = self.rpc("write", answer["result"], {"date": "2026-11-20 10:00:00"})
        self.assertEqual(answer.get("result"), True, answer)
