import itertools
import json

from odoo.tests import TransactionCase, tagged

from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestOneCallWhateverTheOrder(SoftphoneCommon, TransactionCase):
    """A replayed queue, two agents, a retry: a call's events come in any order, some twice.
    What the salespeople see of the call must not depend on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the salesman reads his mail by e-mail: an assignment e-mail per call would flood him
        (cls.salesman | cls.other).notification_type = "email"

    def outcome(self, call):
        activities = call.activity_ids.sorted(lambda a: (a.activity_type_id.id, a.id))
        return {
            "owner": call.user_id.name,
            "activities": [(a.activity_type_id.name, a.user_id.name, a.summary) for a in activities],
            "texts": (call.name, call.phone, call.direction, call.call_extension,
                      call.call_ring_extension, call.call_answer_extension, call.call_from,
                      call.call_to, call.call_number_e164),
            "links": (call.partner_id.name, call.contact_ids.mapped("name"), call.lead_id.name),
            "state": (call.call_state, call.call_missed, call.call_answered, call.call_talk_time,
                      call.call_start, call.call_answer, call.call_end),
        }  # fmt: skip

    def assert_every_order_gives_the_ordered_call(self, events, repeated):
        """Each distinct order of `events` plus a repetition of `repeated`, one event per
        request, gives what the events in their order give."""
        call_id = events[0]["call_id"]
        for event in events:
            self.ingest(event)
        expected = self.outcome(self.call(call_id))
        orders = {}
        for order in itertools.permutations([*events, repeated]):
            orders.setdefault(tuple(json.dumps(e, sort_keys=True) for e in order), order)
        self.assertEqual(len(orders), 60)  # 5!/2: the repeated event twice
        for number, order in enumerate(orders.values()):
            uid = f"{call_id}-{number}"
            for event in order:
                self.ingest({**event, "call_id": uid})
            got = self.outcome(self.call(uid))
            self.assertEqual(got, expected, [event["event"] for event in order])
        return expected

    def test_missed_call_from_an_unknown_number_in_any_order(self):
        """A ring group (201 and 202 ring at the same second), nobody answers: the callback
        is the first extension's user's, never the system user's, in any order."""
        events = [
            self.ev("o1", "ring", 0, **{"from": "+7 903 000-00-01", "to": "4950000000"}),
            self.ev("o1", "ring", 1, extension="202"),
            self.ev("o1", "ring", 1, extension="201"),
            self.ev("o1", "hangup", 30),
        ]
        expected = self.assert_every_order_gives_the_ordered_call(events, events[3])
        self.assertEqual(expected["owner"], self.salesman.name)
        self.assertEqual(
            expected["activities"], [("Call", self.salesman.name, "Call back +7 903 000-00-01")]
        )

    def test_answered_call_from_a_client_in_any_order(self):
        events = [
            self.ev("o2", "ring", 0, **{"from": "+79161234567", "to": "4950000000"}),
            self.ev("o2", "ring", 1, extension="202"),
            self.ev("o2", "answer", 5, extension="202"),
            self.ev("o2", "hangup", 65),
        ]
        expected = self.assert_every_order_gives_the_ordered_call(events, events[1])
        self.assertEqual(expected["owner"], self.other.name)
        self.assertEqual(
            expected["activities"],
            [("Saving the Call Result", self.other.name, "Save the result of the call")],
        )
        self.assertEqual(expected["links"][0], self.client.name)

    def test_activities_of_calls_send_no_assignment_email(self):
        self.ingest(*self.incoming("n1", "+79161234567", answered=False))
        self.ingest(*self.incoming("n2", "+79161234567"))
        for call in self.call("n1") | self.call("n2"):
            self.assertEqual(call.activity_ids.user_id, self.salesman)
            notified = self.env["mail.message"].search(
                [
                    ("model", "=", "crm.interaction"),
                    ("res_id", "=", call.id),
                    ("message_type", "=", "user_notification"),
                ]
            )
            self.assertFalse(notified, notified.mapped("subject"))
        mails = self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", self.salesman.partner_id.ids),
                ("mail_message_id.model", "=", "crm.interaction"),
            ]
        )
        self.assertFalse(mails, mails.mapped("subject"))
        # he sees them among his activities
        mine = (
            self.env["mail.activity"]
            .with_user(self.salesman)
            .search([("user_id", "=", self.salesman.id), ("res_model", "=", "crm.interaction")])
        )
        self.assertEqual(len(mine), 2)
