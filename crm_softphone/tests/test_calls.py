import json

from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import html2plaintext

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
        self.assertEqual(missed.call_state, "done")
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
