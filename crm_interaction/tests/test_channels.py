from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestNativeChannels(InteractionCase):
    """Meetings, emails and SMS register as interactions without double entry."""

    def _interactions(self, **domain):
        return self.env["crm.interaction"].search([(k, "=", v) for k, v in domain.items()])

    def test_calendar_meeting_with_a_client_is_one_interaction(self):
        start = datetime(2030, 5, 6, 9, 0)
        event = (
            self.env["calendar.event"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Presentation at Romashka",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "partner_ids": [
                        Command.set(
                            (self.salesman.partner_id | self.contact | self.leader.partner_id).ids
                        )
                    ],
                }
            )
        )
        meeting = self._interactions(calendar_event_id=event.id)
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.kind, "meeting")
        self.assertEqual(meeting.partner_id, self.client)
        self.assertEqual(meeting.contact_ids, self.contact)
        self.assertEqual(meeting.participant_ids, self.leader)
        self.assertEqual(meeting.user_id, self.salesman)
        self.assertEqual(meeting.duration, 2)
        # the same event written twice: still one interaction, up to date
        event.write({"name": "Presentation moved", "start": start + timedelta(days=1)})
        event.write({"name": "Presentation moved", "start": start + timedelta(days=1)})
        meeting = self._interactions(calendar_event_id=event.id)
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.name, "Presentation moved")
        self.assertEqual(meeting.date, start + timedelta(days=1))
        # and back: the interaction moves the calendar event
        meeting.write({"date": start + timedelta(days=2), "name": "Presentation, final"})
        self.assertEqual(event.start, start + timedelta(days=2))
        self.assertEqual(event.name, "Presentation, final")
        self.assertEqual(len(self._interactions(calendar_event_id=event.id)), 1)

    def test_internal_meeting_is_not_an_interaction(self):
        start = datetime(2030, 5, 6, 9, 0)
        event = self.env["calendar.event"].create(
            {
                "name": "Team stand-up",
                "start": start,
                "stop": start + timedelta(hours=1),
                "partner_ids": [Command.set(self.leader.partner_id.ids)],
            }
        )
        self.assertFalse(self._interactions(calendar_event_id=event.id))

    def test_meeting_interaction_creates_its_calendar_event(self):
        meeting = self._interaction(
            "Visit to Romashka", kind="meeting", date=datetime(2030, 6, 1, 10), duration=1.5
        )
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.name, "Visit to Romashka")
        self.assertEqual(event.stop, datetime(2030, 6, 1, 11, 30))
        self.assertIn(self.client, event.partner_ids)
        self.assertEqual(len(self._interactions(calendar_event_id=event.id)), 1)

    def test_emails_on_a_client_and_an_interest(self):
        interest = self.env["crm.lead"].create(
            {"name": "Desks", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id}
        )  # fmt: skip
        sent = interest.with_user(self.salesman).message_post(
            body="Our offer is attached", subject="Commercial offer",
            message_type="comment", subtype_xmlid="mail.mt_comment",
        )  # fmt: skip
        received = self.client.message_post(
            body="We accept", subject="Re: Commercial offer", message_type="email",
            email_from="info@romashka.example.com",
        )  # fmt: skip
        note = self.client.message_post(body="Internal note", subtype_xmlid="mail.mt_note")
        outgoing = self._interactions(message_id=sent.id)
        self.assertEqual(
            (outgoing.kind, outgoing.direction, outgoing.name),
            ("email", "outgoing", "Commercial offer"),
        )
        self.assertEqual(outgoing.lead_id, interest)
        self.assertEqual(outgoing.partner_id, self.client)
        self.assertEqual(outgoing.user_id, self.salesman)
        incoming = self._interactions(message_id=received.id)
        self.assertEqual((incoming.kind, incoming.direction), ("email", "incoming"))
        self.assertEqual(incoming.partner_id, self.client)
        self.assertEqual(incoming.email, "info@romashka.example.com")
        self.assertFalse(self._interactions(message_id=note.id))
        self.assertEqual(self.client.interaction_count, 2)

    def test_sms_sent_through_odoo(self):
        self.client.phone = "+7 495 000-00-01"
        message = self.client._message_sms("Your desks ship tomorrow")
        sms = self._interactions(message_id=message.id)
        self.assertEqual((sms.kind, sms.direction), ("sms", "outgoing"))
        self.assertEqual(sms.partner_id, self.client)
        self.assertIn("Your desks ship tomorrow", sms.name)
