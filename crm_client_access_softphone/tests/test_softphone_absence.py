import json
from datetime import timedelta

from odoo import fields
from odoo.addons.crm_softphone.tests.common import SoftphoneCommon
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSoftphoneAbsence(SoftphoneCommon, HttpCase):
    """The PBX's events posted to the endpoint over loopback, as the agent sends them, while
    the salesman of extension 201 is absent; his deputy has no extension of his own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = new_test_user(
            cls.env, "sp_deputy", groups="sales_team.group_sale_salesman", name="Dina Deputy"
        )
        cls.env.company.crm_access_scope = "own"

    def post(self, *events):
        response = self.url_open(
            f"/crm_softphone/pbx/{self.pbx.id}/events",
            data=json.dumps({"events": list(events)}),
            headers={"Content-Type": "application/json", "X-Softphone-Token": "secret-token"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def _popup_users(self):
        return super()._popup_users() | self.deputy

    def absence(self, kind):
        now = fields.Datetime.now()
        absence = (
            self.env["crm.access.absence"]
            .with_user(self.manager)
            .create(
                {
                    "user_id": self.salesman.id,
                    "date_from": now - timedelta(hours=1),
                    "date_to": now + timedelta(days=7),
                    "line_ids": [(0, 0, {"kind": kind, "deputy_id": self.deputy.id})],
                }
            )
        )
        absence.action_confirm()
        return absence

    def redirects(self, call):
        return self.env["crm.access.log"].search(
            [("kind", "=", "redirect"), ("res_model", "=", call._name), ("res_id", "=", call.id)]
        )

    def test_the_deputy_gets_the_popup_and_the_call_for_the_absence_only(self):
        absence = self.absence("all")
        self.env["bus.bus"].sudo().search([]).unlink()
        events = self.incoming("a1", "+74951234567")  # the client's number, extension 201
        self.post(*events[:2])  # it rings
        call = self.call("a1")
        popups = self.popups()
        self.assertEqual(set(popups), {self.salesman, self.deputy})
        seen = popups[self.deputy][-1]
        self.assertEqual((seen["id"], seen["state"]), (call.id, "ringing"))
        # read with the deputy's rights: he holds the absent salesman's view
        self.assertTrue(seen["can_open"])
        self.assertEqual(seen["client"], {"id": self.client.id, "name": "Romashka LLC"})
        self.assertEqual([i["name"] for i in seen["interests"]], ["Desks for Romashka"])
        # the call is the deputy's, and logged so
        self.assertEqual(call.user_id, self.deputy)
        log = self.redirects(call)
        self.assertEqual(
            (log.user_id, log.target_user_id, log.work_kind),
            (self.salesman, self.deputy, "calls"),
        )
        self.post(*events[2:])  # answered, ended: the result to save is the deputy's
        self.assertEqual(call.call_state, "awaiting_result")
        self.assertEqual(call.activity_ids.user_id, self.deputy)
        self.assertEqual(len(self.redirects(call)), 1)
        call.with_user(self.deputy).write({"call_result_id": self.result.id})
        self.assertEqual(call.call_state, "done")
        self.popups()
        # the absence is over: the salesman's calls are his, the deputy's call stays his
        absence.date_to = fields.Datetime.now() - timedelta(seconds=1)
        self.post(*self.incoming("a2", "+74951234567")[:2])
        self.assertEqual(set(self.popups()), {self.salesman})
        self.assertEqual(self.call("a2").user_id, self.salesman)
        self.assertFalse(self.redirects(self.call("a2")))
        self.assertEqual(call.user_id, self.deputy)
        self.assertEqual(call.write_uid, self.deputy)

    def test_a_missed_call_is_the_calls_deputys_to_call_back(self):
        # a colleague's interest with the same caller, and one the absent salesman lost
        Lead = self.env["crm.lead"]
        Lead.create({"name": "Chairs for Romashka", "type": "opportunity",
                     "partner_id": self.client.id, "user_id": self.other.id})  # fmt: skip
        lost = Lead.create({"name": "Lamps for Romashka", "type": "opportunity",
                            "partner_id": self.client.id, "user_id": self.salesman.id})  # fmt: skip
        lost.action_set_lost()
        self.absence("calls")
        self.env["bus.bus"].sudo().search([]).unlink()
        events = self.incoming("m1", "+74951234567", answered=False)
        self.post(*events[:2])
        popups = self.popups()
        ringing = popups[self.deputy][-1]
        # a deputy for calls only: the call opens for him, and he answers for the absent
        # salesman: his open interests with the caller are listed (not a colleague's, not
        # the lost one), though the deputy's own view does not reach them
        self.assertTrue(ringing["can_open"])
        self.assertEqual(ringing["client"]["name"], "Romashka LLC")
        self.assertEqual(
            [(i["id"], i["name"], i["amount"]) for i in ringing["interests"]],
            [(self.lead.id, "Desks for Romashka", 5000)],
        )
        self.assertFalse(self.env["crm.lead"].with_user(self.deputy).search([]) & self.lead)
        # the absent salesman's own popup is unchanged
        self.assertEqual(
            [i["name"] for i in popups[self.salesman][-1]["interests"]],
            ["Desks for Romashka"],
        )
        self.post(*events[2:])
        call = self.call("m1")
        self.assertTrue(call.call_missed)
        self.assertEqual(call.user_id, self.deputy)
        self.assertEqual(call.activity_ids.user_id, self.deputy)  # the callback
        self.assertEqual(self.popups()[self.deputy][-1]["state"], "missed")

    def test_a_call_the_absent_user_makes_stays_his(self):
        self.absence("all")
        self.post(
            self.ev("o1", "ring", 0, **{"from": "201", "to": "84951234567"}),
            self.ev("o1", "answer", 10, extension="201"),
            self.ev("o1", "hangup", 70),
        )
        call = self.call("o1")
        self.assertEqual(call.direction, "outgoing")
        self.assertEqual(call.user_id, self.salesman)
        self.assertFalse(self.redirects(call))

    def test_a_deputy_for_sales_only_gets_no_call(self):
        self.absence("sales")
        self.env["bus.bus"].sudo().search([]).unlink()
        self.post(*self.incoming("s1", "+74951234567")[:2])
        self.assertEqual(set(self.popups()), {self.salesman})
        self.assertEqual(self.call("s1").user_id, self.salesman)
        # a colleague's extension rings: his call, not the absent salesman's deputy's
        self.post(*self.incoming("s2", "+74951234567", extension="202")[:2])
        self.assertEqual(self.call("s2").user_id, self.other)
