from datetime import date, timedelta

from odoo import fields
from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClientEvents(TransactionCase, CronRunMixin):
    """Birthdays, anniversaries and other dates of a client: reminded once per occurrence to
    his responsible, a few days before; seen by him, not by another salesman."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "event_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.other = new_test_user(cls.env, "event_other", groups="sales_team.group_sale_salesman")
        cls.client = cls.env["res.partner"].create(
            {"name": "ООО «Ромашка»", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.today = fields.Date.context_today(cls.env["crm.client.event"])

    def contact(self, birthday):
        return (
            self.env["res.partner"]
            .with_user(self.salesman)
            .create({"name": "Анна Петрова", "parent_id": self.client.id, "birthday": birthday})
        )

    def activities(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.client.id)]
        )

    def test_a_birthday_on_the_card_is_an_event_that_follows_it(self):
        anna = self.contact(date(1985, 3, 14))
        event = anna.client_event_ids
        self.assertEqual(
            (event.kind, event.client_id, event.user_id), ("birthday", self.client, self.salesman)
        )
        self.assertEqual(event.next_date.strftime("%m-%d"), "03-14")
        self.assertGreaterEqual(event.next_date, self.today)
        anna.birthday = date(1985, 4, 1)
        self.assertEqual(event.date, date(1985, 4, 1))
        anna.birthday = False
        self.assertFalse(event.exists())
        self.client.client_founded = date(2001, 9, 1)
        self.assertEqual(self.client.client_event_ids.kind, "anniversary")

    def test_the_responsible_is_reminded_once_per_occurrence(self):
        soon = self.today + timedelta(days=2)
        anna = self.contact(soon.replace(year=1990) if soon.strftime("%m-%d") != "02-29" else soon)
        event = anna.client_event_ids
        Event = self.env["crm.client.event"]
        Event._cron_remind()
        reminder = self.activities()
        self.assertEqual(len(reminder), 1)
        self.assertEqual((reminder.user_id, reminder.date_deadline), (self.salesman, soon))
        self.assertIn("Анна Петрова", reminder.summary)
        Event._cron_remind()  # the next night: no second activity for the same birthday
        self.assertEqual(len(self.activities()), 1)
        # far from the date: nothing
        event.remind_days = 1
        event.reminded_date = False
        reminder.unlink()
        Event._cron_remind()
        self.assertFalse(self.activities())

    def test_a_passed_date_moves_to_next_year_and_29_february_is_kept(self):
        event = self.env["crm.client.event"].create(
            {"name": "Конец договора", "partner_id": self.client.id,
             "date": self.today - timedelta(days=400), "yearly": True}
        )  # fmt: skip
        self.assertGreaterEqual(event.next_date, self.today)
        self.assertLess(event.next_date, self.today + timedelta(days=367))
        once = event.copy({"yearly": False})
        self.assertEqual(once.next_date, once.date, "a one-off date stays where it is")
        leap = self.contact(date(1992, 2, 29)).client_event_ids
        self.assertIn(leap.next_date.strftime("%m-%d"), ("02-28", "02-29"))

    def test_a_salesman_sees_his_clients_events_only(self):
        self.contact(date(1985, 3, 14))
        Event = self.env["crm.client.event"]
        self.assertEqual(Event.with_user(self.salesman).search_count([]), 1)
        self.assertEqual(Event.with_user(self.other).search_count([]), 0)

    def test_remind_cron_stopped_after_a_batch_reminds_each_occurrence_once(self):
        Event = self.env["crm.client.event"]
        Event.search([("yearly", "=", True), ("next_date", "<", self.today)])._compute_next_date()
        soon = self.today + timedelta(days=2)
        birthday = soon.replace(year=1990) if soon.strftime("%m-%d") != "02-29" else soon
        for _index in range(3):
            self.contact(birthday)
        events = Event.search_count([("next_date", ">=", self.today), ("user_id", "!=", False)])
        xmlid = "crm_client_base.ir_cron_client_event_remind"
        self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, events - 1))
        self.assertEqual(self.run_cron(xmlid), (events - 1, 0))
        self.assertEqual(len(self.activities()), 3)
        self.assertEqual(self.run_cron(xmlid), (events, 0))  # read again, none reminded again
        self.assertEqual(len(self.activities()), 3)
