from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestPrivacyAndNoise(InteractionCase, CronRunMixin):
    """What becomes an interaction: meetings and exchanges with clients, nothing private,
    nothing internal, no copy of what a link serves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # someone from outside who is no client: a job applicant, a supplier's courier...
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Anonymous Candidate", "email": "candidate@example.com"}
        )

    def _interactions(self, **domain):
        return self.env["crm.interaction"].search([(k, "=", v) for k, v in domain.items()])

    def _event(self, user=None, start=datetime(2030, 5, 6, 9, 0), **vals):
        user = user or self.salesman
        return (
            self.env["calendar.event"]
            .with_user(user)
            .create(
                {
                    "name": "Salary talk",
                    "description": "<p>Confidential</p>",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": user.id,
                    **vals,
                }
            )
        )

    def test_private_event_never_becomes_an_interaction(self):
        attendees = [Command.set((self.salesman.partner_id | self.contact).ids)]
        private = self._event(privacy="private", partner_ids=attendees)
        self.assertFalse(self._interactions(calendar_event_id=private.id))
        # private by the organizer's default
        self.salesman2.with_user(self.salesman2).calendar_default_privacy = "private"
        by_default = self._event(user=self.salesman2, partner_ids=attendees)
        self.assertFalse(self._interactions(calendar_event_id=by_default.id))
        # a public meeting made private: what was registered of it goes
        public = self._event(name="Presentation", partner_ids=attendees)
        self.assertTrue(self._interactions(calendar_event_id=public.id))
        public.privacy = "private"
        self.assertFalse(self._interactions(calendar_event_id=public.id))
        public.write({"name": "Salary talk, again", "description": "<p>Still secret</p>"})
        self.assertFalse(self._interactions(calendar_event_id=public.id))
        # the client's salesman reads nothing of them
        self.assertFalse(
            self.env["crm.interaction"]
            .with_user(self.salesman)
            .search([("name", "ilike", "Salary")])
        )

    def test_only_meetings_with_clients_or_their_contacts(self):
        interview = self._event(
            name="Interview",
            partner_ids=[Command.set((self.salesman.partner_id | self.stranger).ids)],
        )
        self.assertFalse(self._interactions(calendar_event_id=interview.id))
        # a contact person of a client (the client has a salesperson): a client meeting
        visit = self._event(
            name="Visit", partner_ids=[Command.set((self.salesman.partner_id | self.contact).ids)]
        )
        self.assertEqual(self._interactions(calendar_event_id=visit.id).partner_id, self.client)
        # a stranger with an interest becomes a client
        self.env["crm.lead"].create(
            {"name": "First order", "type": "opportunity", "partner_id": self.stranger.id}
        )
        second = self._event(
            name="Second talk",
            partner_ids=[Command.set((self.salesman.partner_id | self.stranger).ids)],
        )
        self.assertEqual(self._interactions(calendar_event_id=second.id).partner_id, self.stranger)

    def test_recurring_series_one_interaction_per_occurrence_that_happened(self):
        now = datetime(2030, 5, 20, 12, 0)
        with freeze_time(now):
            series = self._event(
                name="Weekly call with Romashka",
                start=now - timedelta(days=15),
                partner_ids=[Command.set((self.salesman.partner_id | self.contact).ids)],
                recurrency=True,
                rrule_type="daily",
                interval=7,
                end_type="count",
                count=4,
            )
            occurrences = series.recurrence_id.calendar_event_ids
            self.assertEqual(len(occurrences), 4)
            registered = self._interactions(kind="meeting").filtered(
                lambda i: i.calendar_event_id in occurrences
            )
            # -15, -8 and -1 days: three took place; the one in six days not yet
            self.assertEqual(len(registered), 3)
            self.assertEqual(len(registered.calendar_event_id), 3)
            self.assertTrue(all(i.date <= now for i in registered))
        with freeze_time(now + timedelta(days=7)):
            self.env["calendar.event"]._cron_register_occurrences()
            self.env["calendar.event"]._cron_register_occurrences()
            registered = self.env["crm.interaction"].search(
                [("calendar_event_id", "in", occurrences.ids)]
            )
            self.assertEqual(len(registered), 4)

    def test_occurrence_cron_stopped_after_a_batch_registers_each_occurrence_once(self):
        now = datetime(2030, 5, 20, 12, 0)
        with freeze_time(now):
            series = self._event(
                name="Weekly call with Romashka",
                start=now + timedelta(hours=1),
                partner_ids=[Command.set((self.salesman.partner_id | self.contact).ids)],
                recurrency=True,
                rrule_type="daily",
                interval=1,
                end_type="count",
                count=3,
            )
        occurrences = series.recurrence_id.calendar_event_ids
        Interaction = self.env["crm.interaction"]
        self.assertFalse(Interaction.search([("calendar_event_id", "in", occurrences.ids)]))
        xmlid = "crm_interaction.ir_cron_register_occurrences"
        with freeze_time(now + timedelta(days=4)):
            self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, 2))
            self.assertEqual(self.run_cron(xmlid), (2, 0))
            self.assertEqual(self.run_cron(xmlid), (0, 0))
            registered = Interaction.search([("calendar_event_id", "in", occurrences.ids)])
            self.assertEqual(len(registered), 3)
            self.assertEqual(registered.calendar_event_id, occurrences)

    def test_exchanges_registered_notes_and_mailings_not(self):
        interest = self.env["crm.lead"].create(
            {"name": "Desks", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id}
        )  # fmt: skip
        Interaction = self.env["crm.interaction"]
        before = Interaction.search([])
        interest.with_user(self.salesman).message_post(
            body="Called the warehouse", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        self.client.with_user(self.salesman).message_post(
            body="Internal remark", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        interest.message_post(body="Stage changed", message_type="notification")
        mailing = self.env["mail.message"].create(
            {"model": "crm.lead", "res_id": interest.id, "message_type": "email_outgoing",
             "subject": "Spring sale", "body": "<p>Everything -20%</p>"}
        )  # fmt: skip
        self.assertEqual(Interaction.search([]) - before, Interaction)
        # the company asks for mailings: they are registered too
        self.env.company.crm_interaction_mailings = True
        mailing2 = self.env["mail.message"].create(
            {"model": "crm.lead", "res_id": interest.id, "message_type": "email_outgoing",
             "subject": "Summer sale", "body": "<p>Everything -30%</p>"}
        )  # fmt: skip
        self.assertFalse(self._interactions(message_id=mailing.id))
        registered = self._interactions(message_id=mailing2.id)
        self.assertEqual((registered.kind, registered.direction), ("email", "outgoing"))

    def test_registered_email_links_the_message_silently(self):
        interest = self.env["crm.lead"].create(
            {"name": "Desks", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id}
        )  # fmt: skip
        sent = interest.with_user(self.salesman).message_post(
            body="<p>Our offer: 120 desks at 9,000</p>", subject="Commercial offer",
            message_type="comment", subtype_xmlid="mail.mt_comment",
        )  # fmt: skip
        email = self._interactions(message_id=sent.id)
        self.assertEqual(email.name, "Commercial offer")
        self.assertFalse(email.description, "the body is not copied")
        self.assertIn("120 desks", email.with_user(self.salesman).message_body)
        # no chatter message, no follower added on the interaction
        self.assertFalse(email.message_ids)
        self.assertFalse(email.message_follower_ids)
        # who may not read the interest does not read the message through the interaction
        self.assertFalse(email.with_user(self.salesman2).sudo(False).message_body)

    def test_messages_registered_set_based(self):
        """Registering many messages costs the queries of one: none per message. What the
        messages themselves cost is measured beside them: the same messages as notifications
        (which are never registered)."""
        clients = self.env["res.partner"].create(
            [{"name": f"Client {n}", "user_id": self.salesman.id} for n in range(42)]
        )
        Message = self.env["mail.message"]

        def queries(partners, message_type):
            vals_list = [
                {"model": "res.partner", "res_id": partner.id, "message_type": message_type,
                 "subject": "Price request", "body": "<p>How much?</p>",
                 "email_from": "buyer@example.com", "author_id": partner.id}
                for partner in partners
            ]  # fmt: skip
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            Message.create(vals_list)
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        queries(clients[40:42], "email")  # warm the caches
        one = queries(clients[:1], "email") - queries(clients[1:2], "notification")
        many = queries(clients[2:21], "email") - queries(clients[21:40], "notification")
        registered = self.env["crm.interaction"].search([("partner_id", "in", clients.ids)])
        self.assertEqual(len(registered), 22)
        self.assertLessEqual(many, one, "no query per message")

    def test_message_written_by_the_client_is_incoming(self):
        reply = self.client.message_post(
            body="<p>Please call me back</p>", author_id=self.contact.id,
            message_type="comment", subtype_xmlid="mail.mt_comment",
        )  # fmt: skip
        registered = self._interactions(message_id=reply.id)
        self.assertEqual((registered.kind, registered.direction), ("email", "incoming"))
        self.assertEqual(registered.partner_id, self.client)
        self.assertEqual(registered.contact_ids, self.contact)
        self.assertEqual(registered.user_id, self.salesman)
