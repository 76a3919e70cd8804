import json

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import SQL, html2plaintext

from ..pure import calls
from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestCalls(SoftphoneCommon, TransactionCase):
    def test_incoming_call_is_one_interaction_with_everything(self):
        events = self.incoming("c1", "+7 (916) 123-45-67")
        events.append(
            self.ev("c1", "recording", 70, recording_url="https://pbx.example.com/r/c1.wav")
        )
        self.ingest(*events)
        self.ingest(*reversed(events))  # the same events again, backwards
        call = self.call("c1")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.kind, "call")
        self.assertEqual(call.direction, "incoming")
        self.assertEqual(call.user_id, self.salesman)
        self.assertEqual(call.call_extension, "201")
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.contact_ids, self.contact)
        self.assertEqual(call.lead_id, self.lead)
        self.assertEqual(call.call_number_e164, "+79161234567")
        self.assertEqual(call.call_talk_time, 1.0)
        self.assertTrue(call.call_answered)
        self.assertFalse(call.call_missed)
        self.assertEqual(call.call_recording_url, "https://pbx.example.com/r/c1.wav")
        self.assertEqual(call.call_state, calls.STATE_AWAITING)
        self.assertIn("+7 916 123-45-67", call.name)

    def test_states_along_the_call(self):
        ring = self.incoming("c2", "+79161234567")
        self.ingest(*ring[:2])
        self.assertEqual(self.call("c2").call_state, "ringing")
        self.ingest(ring[2])
        self.assertEqual(self.call("c2").call_state, "in_progress")
        self.ingest(ring[3])
        self.assertEqual(self.call("c2").call_state, "awaiting_result")

    def test_numbers_in_every_format_find_the_caller(self):
        # the client's card says "8 (495) 123-45-67"
        for i, number in enumerate(
            ["+74951234567", "84951234567", "4951234567", "+7 495 123 45 67", "007-495-1234567"]
        ):
            self.ingest(*self.incoming(f"f{i}", number))
            self.assertEqual(self.call(f"f{i}").partner_id, self.client, number)
        # no exact match: the national significant number finds it (a number the PBX gives
        # in local form, read with another country than the card's)
        berlin = self.env["res.partner"].create(
            {"name": "Berlin office", "phone": "+49 30 1234567"}
        )
        self.pbx.country_id = self.env.ref("base.fr")
        self.ingest(*self.incoming("f9", "03 01 23 45 67"))
        self.assertEqual(self.call("f9").call_number_e164, "+33301234567")
        self.assertEqual(self.call("f9").partner_id, berlin)

    def test_a_company_and_its_contact_sharing_the_number_are_one_client(self):
        lilia = self.env["res.partner"].create(
            {"name": "Lilia LLC", "is_company": True, "phone": "+7 495 765-43-21"}
        )
        petr = self.env["res.partner"].create(
            {"name": "Petr Sidorov", "parent_id": lilia.id, "phone": "8 495 765 43 21"}
        )
        self.ingest(*self.incoming("s1", "84957654321"))
        call = self.call("s1")
        self.assertEqual(call.partner_id, lilia)
        self.assertEqual(call.contact_ids, petr)
        self.assertFalse(call.call_match_ids)
        # two of the company's people with its number: the company, its people offered
        anna = self.env["res.partner"].create(
            {"name": "Anna Sidorova", "parent_id": lilia.id, "phone": "+74957654321"}
        )
        self.ingest(*self.incoming("s2", "+7 495 765-43-21"))
        call = self.call("s2")
        self.assertEqual(call.partner_id, lilia)
        self.assertFalse(call.contact_ids)
        self.assertEqual(call.call_match_ids, petr | anna)

    def test_a_number_written_with_an_extension_matches_its_main_line(self):
        vasilek = self.env["res.partner"].create(
            {"name": "Vasilek LLC", "is_company": True, "phone": "+7 495 111-22-33 доб. 204"}
        )
        self.assertEqual(vasilek.phone_e164, "+74951112233")
        self.ingest(*self.incoming("x1", "84951112233"))
        self.assertEqual(self.call("x1").partner_id, vasilek)
        # the keys of a whole base, filled in SQL at install, read it the same way
        vasilek.phone_e164 = False
        self.env["res.partner"]._softphone_fill_keys()
        self.assertEqual(vasilek.phone_e164, "+74951112233")

    def test_a_number_in_a_range_not_known_yet_is_matched_by_its_digits(self):
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer LLC", "is_company": True, "phone": "+7 600 765-43-21"}
        )
        self.ingest(*self.incoming("r1", "86007654321"))
        self.assertEqual(self.call("r1").partner_id, newcomer)
        self.assertEqual(self.call("r1").call_number_e164, "+76007654321")

    def test_several_matches_are_all_offered(self):
        twin = self.env["res.partner"].create({"name": "Anna Petrova", "phone": "89161234567"})
        self.ingest(*self.incoming("m1", "+79161234567"))
        call = self.call("m1")
        self.assertFalse(call.partner_id)
        self.assertEqual(call.call_match_ids, self.contact | twin)

    def test_a_number_shared_by_many_offers_the_first_twenty_cards(self):
        # a switchboard written on 25 cards: the 20 oldest offered, the same whether the
        # number is found as written (guessed) or only once parsed (national digits)
        shared = self.env["res.partner"].create(
            [{"name": f"Branch {i}", "phone": "+7 495 222-33-44"} for i in range(25)]
        )
        self.ingest(*self.incoming("b1", "+74952223344"), *self.incoming("b2", "7 495 222 33 44"))
        for uid in ("b1", "b2"):
            self.assertEqual(self.call(uid).call_match_ids, shared[:20])

    def test_archived_cards_and_other_companies_cards_are_not_the_caller(self):
        # the caller's card among an archived one and another company's with his number,
        # and among 21 archived cards of a closed switchboard; whether the number is found
        # as written (guessed) or only once parsed (national digits)
        Partner = self.env["res.partner"]
        other = self.env["res.company"].create({"name": "Other Company"})
        Partner.create(
            [
                {"name": "Old Card", "phone": "+7 495 333-44-55", "active": False},
                {"name": "Their Card", "phone": "+7 495 333-44-55", "company_id": other.id},
            ]
            + [
                {"name": f"Closed {i}", "phone": "+7 495 333-44-66", "active": False}
                for i in range(21)
            ]
        )
        ours = Partner.create({"name": "Our Card", "phone": "+7 495 333-44-55"})
        branch = Partner.create({"name": "Open Branch", "phone": "+7 495 333-44-66"})
        self.ingest(
            *self.incoming("c1", "+74953334455"),
            *self.incoming("c2", "7 495 333 44 55"),
            *self.incoming("c3", "+74953334466"),
            *self.incoming("c4", "7 495 333 44 66"),
        )
        for uid, card in (("c1", ours), ("c2", ours), ("c3", branch), ("c4", branch)):
            self.assertEqual(self.call(uid).partner_id, card, uid)
            self.assertFalse(self.call(uid).call_match_ids, uid)

    def test_calls_of_one_batch_each_get_their_own_client_and_interest(self):
        Partner, Lead = self.env["res.partner"], self.env["crm.lead"]
        north = Partner.create({"name": "North LLC", "is_company": True, "phone": "+74953334455"})
        south = Partner.create({"name": "South LLC", "is_company": True, "phone": "+74953334466"})
        buyer = Partner.create({"name": "Ivan Buyer", "parent_id": south.id})
        old, new = Lead.create(
            [
                {"name": "South: old", "type": "opportunity", "partner_id": south.id},
                {"name": "South: new", "type": "opportunity", "partner_id": buyer.id},
            ]
        )
        Lead.browse(old.id).date_last_stage_update = "2026-01-01 10:00:00"
        Lead.browse(new.id).date_last_stage_update = "2026-06-01 10:00:00"
        self.ingest(*self.incoming("n1", "84953334455"), *self.incoming("s1", "84953334466"))
        self.assertEqual(self.call("n1").partner_id, north)
        self.assertFalse(self.call("n1").lead_id)
        self.assertEqual(self.call("s1").partner_id, south)
        # the client's interest moved last, his contact's included
        self.assertEqual(self.call("s1").lead_id, new)

    def test_unknown_and_bad_numbers_keep_the_call(self):
        self.ingest(*self.incoming("u1", "+7 903 000-00-01"))
        call = self.call("u1")
        self.assertFalse(call.partner_id)
        self.assertEqual(call.call_number_e164, "+79030000001")
        wizard = Form(
            self.env["crm.interaction.create.contact"].with_context(
                **call.action_create_contact()["context"]
            )
        )
        self.assertEqual(wizard.phone, "+7 903 000-00-01")
        wizard.name = "New Caller"
        wizard.save().action_create()
        self.assertEqual(call.partner_id.name, "New Caller")
        self.assertEqual(call.partner_id.phone_e164, "+79030000001")
        for i, bad in enumerate(["anonymous", "12", "+7 916", "+999 555 1234"]):
            self.ingest(*self.incoming(f"b{i}", bad))
            call = self.call(f"b{i}")
            self.assertEqual(call.phone, bad)
            self.assertFalse(call.partner_id)
            self.assertFalse(call.call_number_e164)
            self.assertEqual(call.call_state, "awaiting_result")

    def test_match_key_kept_up_to_date(self):
        self.assertEqual(self.client.phone_e164, "+74951234567")
        self.assertEqual(self.client.phone_nsn, "4951234567")
        self.client.phone = "+49 30 1234567"
        self.assertEqual(self.client.phone_e164, "+49301234567")
        self.client.phone = "not a number"
        self.assertFalse(self.client.phone_e164)
        # existing partners filled in batches (install)
        self.env.cr.execute(
            "UPDATE res_partner SET phone_e164 = NULL, phone_nsn = NULL WHERE id = %s",
            [self.contact.id],
        )
        self.env["res.partner"]._softphone_fill_keys()
        self.assertEqual(self.contact.phone_e164, "+79161234567")

    def test_result_is_mandatory_and_closes_the_reminder(self):
        self.ingest(*self.incoming("r1", "+79161234567"))
        call = self.call("r1")
        result_type = self.env.ref("crm_softphone.mail_activity_type_call_result")
        reminder = call.activity_ids.filtered(lambda a: a.activity_type_id == result_type)
        self.assertEqual(reminder.user_id, self.salesman)
        mine = self.env["crm.interaction"].with_user(self.salesman)
        self.assertIn(call, mine.search([("call_state", "=", "awaiting_result")]))
        action = call.with_user(self.salesman).action_wrap_up()
        wizard = Form(self.env[action["res_model"]].with_user(self.salesman).with_context(
            **action["context"]
        ))  # fmt: skip
        with self.assertRaises(AssertionError):  # no result: the dialog does not save
            wizard.save()
        wizard.result_id = self.result
        wizard.note = "Sends the order tomorrow"
        wizard.save().action_save()
        self.assertEqual(call.call_state, "done")
        self.assertEqual(call.result, "Sends the order tomorrow")
        self.assertFalse(call.activity_ids.filtered(lambda a: a.activity_type_id == result_type))

    def test_the_saved_result_reads_as_russian_in_the_chatter(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["mail", "crm_softphone"], ["ru_RU"])
        self.ingest(*self.incoming("ru1", "+79161234567"))
        call = self.call("ru1")
        russian = call.with_user(self.salesman).with_context(lang="ru_RU")
        action = russian.action_wrap_up()
        wizard = Form(self.env[action["res_model"]].with_user(self.salesman).with_context(
            **action["context"], lang="ru_RU"
        ))  # fmt: skip
        wizard.result_id = self.result
        wizard.note = "Пришлёт заказ завтра"
        wizard.save().action_save()
        texts = [" ".join(html2plaintext(m.body).split()) for m in call.message_ids]
        self.assertTrue(
            any(t.startswith("Внесение результата звонка выполнено") for t in texts), texts
        )

    def test_missed_call_gets_a_callback_task_closed_by_calling_back(self):
        self.ingest(*self.incoming("x1", "+79161234567", answered=False))
        missed = self.call("x1")
        self.assertTrue(missed.call_missed)
        self.assertEqual(missed.call_state, "missed")
        callback = missed.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(callback.user_id, self.salesman)
        self.assertEqual(missed.call_not_called_back_count, 1)
        self.ingest(
            self.ev("x2", "ring", 120, **{"from": "201", "to": "89161234567"}),
            self.ev("x2", "answer", 130, extension="201"),
            self.ev("x2", "hangup", 190),
        )
        back = self.call("x2")
        self.assertEqual(back.direction, "outgoing")
        self.assertEqual(back.user_id, self.salesman)
        self.assertTrue(missed.call_called_back)
        self.assertFalse(missed.activity_ids)
        self.assertEqual(missed.call_not_called_back_count, 0)

    def test_late_answer_removes_the_callback_task(self):
        events = self.incoming("l1", "+79161234567")
        self.ingest(events[0], events[1], events[3])  # hangup before the answer
        self.assertTrue(self.call("l1").call_missed)
        self.ingest(events[2])
        call = self.call("l1")
        self.assertFalse(call.call_missed)
        self.assertFalse(
            call.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
            )
        )

    def test_popup_payload_on_the_bus(self):
        self.env["bus.bus"].sudo().search([]).unlink()
        self.ingest(*self.incoming("p1", "+74951234567")[:2])
        self.env.cr.precommit.run()  # the bus writes its notifications before the commit
        messages = self.env["bus.bus"].sudo().search([])
        popup = [m for m in messages if "crm_softphone/incoming_call" in m.message]
        self.assertEqual(len(popup), 1)
        self.assertIn(str(self.salesman.partner_id.id), popup[0].channel)
        payload = json.loads(popup[0].message)["payload"]
        self.assertEqual(payload["client"], {"id": self.client.id, "name": "Romashka LLC"})
        self.assertEqual(payload["number_display"], "+7 495 123-45-67")
        self.assertEqual(
            [(i["name"], i["amount"]) for i in payload["interests"]],
            [("Desks for Romashka", 5000.0)],
        )
        # the call is tied to the open interest: no second interest offered, no new contact
        offered = {a["method"]: a["name"] for a in payload["actions"]}
        self.assertEqual(offered["action_plan_follow_up"], "Plan Interaction")
        self.assertNotIn("action_create_interest", offered)
        self.assertNotIn("action_create_contact", offered)

    def test_popup_of_an_unknown_number_offers_the_creations(self):
        self.ingest(*self.incoming("p2", "+7 916 555 00 11")[:2])
        call = self.call("p2")
        payload = call.with_user(self.salesman)._softphone_popup_payload()
        self.assertFalse(payload["client"])
        offered = [a["method"] for a in payload["actions"]]
        self.assertIn("action_create_contact", offered)
        self.assertIn("action_plan_follow_up", offered)
        self.assertNotIn("action_create_interest", offered)  # no client to give it to
        # a known client without an open interest: a new interest from the call
        self.lead.action_set_lost()
        self.ingest(*self.incoming("p3", "+74951234567")[:2])
        call = self.call("p3")
        self.assertFalse(call.lead_id)
        payload = call.with_user(self.salesman)._softphone_popup_payload()
        offered = [a["method"] for a in payload["actions"]]
        self.assertIn("action_create_interest", offered)
        self.assertNotIn("action_create_contact", offered)
        action = call.with_user(self.salesman).action_create_interest()
        self.assertEqual(self.env["crm.lead"].browse(action["res_id"]).partner_id, self.client)
        self.assertTrue(call.lead_id)

    def test_a_call_no_extension_took_has_an_owner(self):
        """No user's extension took the call: the caller's salesperson owns it, else the PBX's
        responsible; the other salespeople do not see it."""
        self.pbx.user_id = self.manager
        self.ingest(*self.incoming("u1", "+7 916 555 00 11", extension="299"))
        unknown = self.call("u1")
        self.assertEqual(unknown.user_id, self.manager)
        self.ingest(*self.incoming("u2", "84951234567", extension="299"))
        known = self.call("u2")
        self.assertEqual(known.partner_id, self.client)
        self.assertEqual(known.user_id, self.salesman)  # Romashka's salesperson
        Interaction = self.env["crm.interaction"]
        self.assertFalse(Interaction.with_user(self.other).search([("id", "=", unknown.id)]))
        self.assertFalse(Interaction.with_user(self.other).search([("id", "=", known.id)]))
        self.assertEqual(
            Interaction.with_user(self.salesman).search([("id", "in", (known | unknown).ids)]),
            known,
        )

    def test_salesman_sees_his_calls_and_his_clients_only(self):
        self.ingest(*self.incoming("a1", "+79161234567"))
        call = self.call("a1")
        call.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            call.with_user(self.other).read(["name"])
        call.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.pbx.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.pbx.with_user(self.manager).sudo(False).token  # noqa: B018


@tagged("post_install", "-at_install")
class TestPopupFollowsTheCall(SoftphoneCommon, TransactionCase):
    """The popup of an incoming call reaches every user whose extension rang, and follows
    the call until its result is saved; what it shows is read with each one's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a third salesman whose phone is not in the ring group
        cls.pbx.extension_ids = [Command.create({"name": "203", "user_id": cls.manager.id})]

    def ring_group(self, call_id):
        return [
            self.ev(call_id, "ring", 0, **{"from": "+74951234567", "to": "4950000000"}),
            self.ev(call_id, "ring", 1, extension="201"),
            self.ev(call_id, "ring", 1, extension="202"),
        ]

    def test_popup_reaches_every_ringing_extension_and_follows_the_call(self):
        self.env["bus.bus"].sudo().search([]).unlink()
        self.ingest(*self.ring_group("g1"))
        call = self.call("g1")
        popups = self.popups()
        # both phones of the ring group rang: both users see it, nobody else
        self.assertEqual(set(popups), {self.salesman, self.other})
        mine, theirs = popups[self.salesman][-1], popups[self.other][-1]
        self.assertEqual((mine["id"], mine["state"], mine["close"]), (call.id, "ringing", False))
        self.assertEqual(mine["state_label"], "Ringing")
        self.assertEqual(mine["client"]["name"], "Romashka LLC")
        self.assertEqual(theirs["client"]["name"], "Romashka LLC")
        # each one's rights: the owner opens the call and sees his client's interest, his
        # colleague does neither (the interest is not his)
        self.assertTrue(mine["can_open"])
        self.assertEqual([i["name"] for i in mine["interests"]], ["Desks for Romashka"])
        self.assertEqual(mine["interests"][0]["currency_id"], self.env.company.currency_id.id)
        self.assertFalse(theirs["can_open"])
        self.assertEqual(theirs["interests"], [])

        # the colleague answers: his popup goes on (the call is his now), the other closes
        self.ingest(self.ev("g1", "answer", 5, extension="202"))
        popups = self.popups()
        self.assertEqual(set(popups), {self.salesman, self.other})
        self.assertEqual(popups[self.salesman][-1], {"id": call.id, "state": "in_progress",
                                                      "close": True})  # fmt: skip
        talking = popups[self.other][-1]
        self.assertEqual((talking["state"], talking["close"]), ("in_progress", False))
        self.assertEqual(talking["answered_by"], "Olga Other")
        self.assertTrue(talking["can_open"])

        # he hangs up: his popup says so and waits for the result
        self.ingest(self.ev("g1", "hangup", 65))
        ended = self.popups()[self.other][-1]
        self.assertEqual((ended["state"], ended["close"]), ("awaiting_result", False))
        self.assertEqual(call.duration * 3600, 60)  # one duration: the talk time

        # the result is saved: the popup closes
        action = call.with_user(self.other).action_wrap_up()
        wizard = Form(self.env[action["res_model"]].with_user(self.other).with_context(
            **action["context"]
        ))  # fmt: skip
        wizard.result_id = self.result
        wizard.save().action_save()
        popups = self.popups()
        self.assertEqual(popups[self.other][-1], {"id": call.id, "state": "done", "close": True})
        self.assertNotIn(self.manager, popups)

    def test_missed_and_done_are_states_a_salesman_sees_and_filters(self):
        self.ingest(*self.incoming("s1", "+74951234567", answered=False))
        self.ingest(*self.incoming("s2", "+74951234567", talk=150))
        missed, answered = self.call("s1"), self.call("s2")
        answered.with_user(self.salesman).call_result_id = self.result
        Calls = self.env["crm.interaction"].with_user(self.salesman)
        mine = [("id", "in", (missed | answered).ids)]
        self.assertEqual(Calls.search([*mine, ("call_state", "=", "missed")]), missed)
        self.assertEqual(Calls.search([*mine, ("call_state", "=", "done")]), answered)
        states = dict(Calls._fields["call_state"]._description_selection(Calls.env))
        self.assertEqual(states[missed.call_state], "Missed")
        self.assertEqual(states[answered.call_state], "Done")
        # one duration, to the second: the talk time
        self.assertEqual(round(answered.duration * 3600), 150)
        self.assertEqual(missed.duration, 0)
        # the missed call's popup stays for everyone whose phone rang, saying so
        self.env["bus.bus"].sudo().search([]).unlink()
        self.ingest(*self.ring_group("s3"), self.ev("s3", "hangup", 30))
        popups = self.popups()
        self.assertEqual(set(popups), {self.salesman, self.other})
        for payloads in popups.values():
            self.assertEqual((payloads[-1]["state"], payloads[-1]["close"]), ("missed", False))
            self.assertEqual(payloads[-1]["state_label"], "Missed")

    def test_a_salesman_may_not_write_the_duration_of_a_call(self):
        self.ingest(*self.incoming("d1", "+74951234567"))
        call = self.call("d1")
        with self.assertRaises(AccessError):
            call.with_user(self.salesman).duration = 2.0
        # a meeting's duration is his to write
        meeting = (
            self.env["crm.interaction"]
            .with_user(self.salesman)
            .create({"name": "Demo", "kind": "meeting", "duration": 1.5})
        )
        self.assertEqual(meeting.duration, 1.5)
        meeting.duration = 2.0
        self.assertEqual(meeting.duration, 2.0)

    def test_calls_registered_before_get_their_state_and_duration_at_update(self):
        """A database updated from a version where a missed call read "Done" and a call's
        duration stayed 00:00: the module's update gives both."""
        self.ingest(*self.incoming("o1", "+74951234567", answered=False))
        self.ingest(*self.incoming("o2", "+74951234567", talk=90))
        missed, answered = self.call("o1"), self.call("o2")
        self.env.cr.execute(
            SQL(
                "UPDATE crm_interaction SET call_state = 'done', duration = 0 WHERE id IN %s",
                tuple((missed | answered).ids),
            )
        )
        self.env.invalidate_all()
        self.assertEqual((missed.call_state, answered.duration), ("done", 0))
        self.assertEqual(self.env["crm.interaction"]._softphone_settle_stored_calls(), 2)
        self.env.invalidate_all()
        self.assertEqual(missed.call_state, "missed")
        self.assertEqual(round(answered.duration * 3600), 90)
        self.assertEqual(answered.call_state, "awaiting_result")
        self.assertEqual(self.env["crm.interaction"]._softphone_settle_stored_calls(), 0)


@tagged("post_install", "-at_install")
class TestCallForm(SoftphoneCommon, TransactionCase):
    def test_what_the_header_leaves_out_is_in_the_action_menu(self):
        """A call's header holds its main action or two; the rest is in the action menu of
        the form, and runs there as the salesman."""
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.salesman)
            .get_bindings("crm.interaction")["action"]
        )
        names = {action["name"] for action in bindings}
        for name in ("Plan Follow-up", "Create Interest", "Mark Reviewed", "Mark Not Reviewed"):
            self.assertIn(name, names)
        self.ingest(*self.incoming("h1", "+74951234567", answered=False))
        call = self.call("h1")
        mark = self.env.ref("crm_softphone.crm_interaction_action_mark_reviewed")
        mark.with_user(self.salesman).with_context(
            active_model="crm.interaction", active_id=call.id, active_ids=call.ids
        ).run()
        self.assertTrue(call.reviewed)
        plan = self.env.ref("crm_softphone.crm_interaction_action_plan_follow_up")
        action = (
            plan.with_user(self.salesman)
            .with_context(active_model="crm.interaction", active_id=call.id, active_ids=call.ids)
            .run()
        )
        self.assertEqual(action["context"]["default_parent_id"], call.id)
        # not for a colleague's call
        with self.assertRaises(AccessError):
            mark.with_user(self.other).with_context(
                active_model="crm.interaction", active_id=call.id, active_ids=call.ids
            ).run()
