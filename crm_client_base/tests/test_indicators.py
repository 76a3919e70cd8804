"""Показатели клиента: figures from posted invoices net of credit notes, interests and
interactions; alerts once per episode; each salesman his own clients' (issue 23)."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_indicators_common import TODAY, ClientBaseCase


@tagged("post_install", "-at_install")
class TestIndicators(ClientBaseCase, CronRunMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Romashka: 1000 in March, 500 to his contact in May, a credit note of 200 in May;
        # a draft invoice and a vendor bill count for nothing
        cls._invoice(cls.client, date(2026, 3, 10), 10)
        cls._invoice(cls.contact, date(2026, 5, 10), 5)
        cls._invoice(cls.client, date(2026, 5, 20), 2, move_type="out_refund")
        cls._invoice(cls.client, date(2026, 6, 1), 50, post=False)
        cls._invoice(cls.client, date(2026, 6, 1), 50, move_type="in_invoice")
        # an invoice older than the 12 months of the period
        cls._invoice(cls.client, date(2025, 6, 1), 30)
        cls._invoice(cls.other_client, date(2026, 6, 1), 7)
        # interests: one open, one won, one lost
        cls._interest("Open desks")
        cls._interest("Won chairs").action_set_won()
        reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})
        cls._interest("Lost lamps").action_set_lost(lost_reason_id=reason.id)
        Interaction = cls.env["crm.interaction"]
        for name, kind, when in (
            ("Call", "call", datetime(2026, 7, 1, 10)),
            ("Meeting", "meeting", datetime(2026, 5, 1, 10)),
            ("Next call", "planned", datetime(2026, 7, 10, 10)),
            ("Old call", "call", datetime(2026, 3, 1, 10)),
        ):
            Interaction.create(
                {
                    "name": name,
                    "kind": kind,
                    "date": when,
                    "partner_id": cls.contact.id,
                    "user_id": cls.salesman.id,
                }
            )

    def test_turnover_is_posted_invoices_net_of_credit_notes(self):
        self._refresh(TODAY)
        ind = self._indicator(self.client)
        self.assertEqual(len(ind), 1)
        self.assertFalse(self._indicator(self.contact), "the contact counts for his company")
        self.assertEqual(ind.turnover, 1300.0)
        self.assertEqual(ind.cost, 60.0 * (10 + 5 - 2))
        self.assertEqual(ind.gross_profit, 1300.0 - 780.0)
        self.assertEqual(ind.order_count, 2, "a credit note is no order")
        self.assertEqual(ind.average_order, 650.0)
        self.assertEqual(ind.last_order_date, date(2026, 5, 10))
        self.assertEqual(ind.usual_interval, 61.0)
        self.assertAlmostEqual(ind.turnover_share, 1300.0 / 2000.0 * 100.0)
        self.assertEqual(ind.quarter_turnover, 300.0)
        self.assertEqual(ind.previous_quarter_turnover, 1000.0)
        self.assertEqual(ind.user_id, self.salesman)
        self.assertEqual(
            (ind.open_interest_count, ind.won_interest_count, ind.lost_interest_count), (1, 1, 1)
        )
        self.assertEqual(ind.interaction_count, 2, "held in the last 90 days, planned ones not")
        self.assertEqual(self._indicator(self.other_client).turnover, 700.0)

    def test_refresh_follows_the_data(self):
        self._refresh(TODAY)
        self._invoice(self.client, date(2026, 7, 1), 1, move_type="out_refund")
        self._refresh(TODAY)
        ind = self._indicator(self.client)
        self.assertEqual(ind.turnover, 1200.0)
        # a client without figures left in the period keeps his row, at zero
        self._refresh(date(2027, 9, 1))
        ind.invalidate_recordset()
        self.assertEqual(ind.turnover, 0.0)
        self.assertEqual(ind.order_count, 0)
        self.assertEqual(ind.last_order_date, date(2026, 5, 10), "his last purchase stays known")
        self.assertEqual((ind.date_from, ind.date_to), (date(2026, 9, 1), date(2027, 9, 1)))
        self.assertEqual(ind.open_interest_count, 1, "his other figures stay")

    def test_a_client_silent_for_a_year_is_lost_and_stays_lost(self):
        # the default rules: no purchase for a year -> lost, for 180 days -> dormant
        Rule = self.env["crm.client.status.rule"]
        lost = self.env.ref("crm_client_base.client_status_lost")
        for day in (date(2027, 6, 1), date(2027, 7, 1)):  # the nightly refresh, twice
            self._refresh(day)
            Rule._client_apply(self.company, today=day)
            self.assertEqual(self.client.client_status_id, lost)
            self.assertEqual(self.other_client.client_status_id, lost)
        history = self.client.client_status_history_ids
        self.assertEqual(len(history.filtered(lambda h: h.status_id == lost)), 1)

    def test_confirmed_orders_when_the_company_does_not_invoice(self):
        self.settings.source = "order"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "date_order": datetime(2026, 6, 3, 9),
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 4,
                            "price_unit": 250.0, "tax_ids": [(5,)]})
                ],
            }
        )  # fmt: skip
        order.action_confirm()
        order.date_order = datetime(2026, 6, 3, 9)
        self.env["sale.order"].create(
            {"partner_id": self.client.id, "order_line": [(0, 0, {"product_id": self.product.id})]}
        )  # a quotation counts for nothing
        self._refresh(TODAY)
        ind = self._indicator(self.client)
        self.assertEqual(ind.turnover, 1000.0)
        self.assertEqual(ind.gross_profit, 1000.0 - 240.0)
        self.assertEqual(ind.order_count, 1)

    def test_alerts_once_per_episode(self):
        self.settings.drop_percent = 50.0
        self._refresh(TODAY)
        # last quarter 300 against 1000: a drop of 70 %
        drops = self._activities(self.client)
        self.assertEqual(len(drops), 1)
        self.assertEqual(drops.user_id, self.salesman)
        self.assertIn("dropped", drops.summary)
        self._refresh(date(2026, 7, 16))
        self.assertEqual(self._activities(self.client), drops, "not one a night")
        # silent for 133 days, more than twice his usual 61: one alert
        self._refresh(date(2026, 9, 20))
        silence = self._activities(self.client) - drops
        self.assertEqual(len(silence), 1)
        self.assertIn("133 days", silence.summary)
        self.assertEqual(self._indicator(self.client).silence_alert_date, date(2026, 9, 20))
        self._refresh(date(2026, 9, 21))
        self._refresh(date(2026, 9, 30))
        self.assertEqual(self._activities(self.client), drops | silence)
        # he buys again: the episode ends
        self._invoice(self.client, date(2026, 9, 22), 1)
        self._refresh(date(2026, 9, 23))
        self.assertFalse(self._indicator(self.client).silence_alert_date)
        self.assertEqual(self._activities(self.client), drops | silence)
        # a new silence is a new episode
        self.settings.silence_factor = 1.0
        self._refresh(date(2027, 3, 1))
        new = self._activities(self.client) - drops - silence
        self.assertEqual(len(new.filtered(lambda a: "not bought" in a.summary)), 1)
        # a client who buys steadily raises nothing
        self.assertFalse(self._activities(self.other_client))

    @freeze_time(TODAY)
    def test_cron_stopped_after_a_company_goes_on_with_the_next(self):
        self.settings.drop_percent = 50.0
        second = self.env["res.company"].create({"name": "Client base second company"})
        companies = self.env["res.company"].search([], order="id")
        self.assertEqual(companies[0], self.company)
        xmlid = "crm_client_base.ir_cron_crm_client_indicator_refresh"
        self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, len(companies) - 1))
        self.assertEqual(self._indicator(self.client).turnover, 1300.0)
        self.assertEqual(self.cron_resume_point("client_indicators"), self.company.id)
        self.assertEqual(self.run_cron(xmlid), (len(companies) - 1, 0))
        self.assertEqual(self.cron_resume_point("client_indicators"), 0)
        self.assertIn(second, companies)
        drops = self._activities(self.client)
        self.assertEqual(len(drops), 1)
        # the next run raises no second alert for the same drop
        self.run_cron(xmlid)
        self.assertEqual(self._activities(self.client), drops)

    def test_salesman_reads_his_own_clients_only(self):
        self._refresh(TODAY)
        mine = self._indicator(self.client)
        others = self._indicator(self.other_client)
        self.assertEqual(self._indicator(self.client, self.salesman), mine)
        self.assertFalse(self._indicator(self.other_client, self.salesman))
        with self.assertRaises(AccessError):
            others.with_user(self.salesman).read(["turnover"])
        with self.assertRaises(AccessError):
            mine.with_user(self.salesman2).read(["turnover"])
        # the class history and indicators on the card follow the same rules
        self.assertFalse(self.other_client.with_user(self.salesman).client_indicator_ids)
        self.assertEqual(self.client.with_user(self.salesman).client_indicator_ids, mine)
        # his team leader reads his clients', the sales manager all
        self.assertEqual(self._indicator(self.client, self.leader), mine)
        self.assertFalse(self._indicator(self.other_client, self.leader))
        self.assertEqual(self._indicator(self.other_client, self.sales_manager), others)
        # the figures are read, never written, by anyone
        with self.assertRaises(AccessError):
            mine.with_user(self.consultant).write({"turnover": 1.0})

    def test_refresh_is_the_consultants(self):
        with self.assertRaises(AccessError):
            self.settings.with_user(self.salesman).action_refresh_indicators()
        with self.assertRaises(AccessError):
            self.settings.with_user(self.sales_manager).action_refresh_indicators()
        with freeze_time("2026-07-15 10:00:00"):
            self.settings.with_user(self.consultant).action_refresh_indicators()
        self.assertEqual(self._indicator(self.client).turnover, 1300.0)

    def test_other_company_keeps_its_figures(self):
        self._refresh(TODAY)
        other = self.env["res.company"].create({"name": "Client base other company"})
        self.salesman.write({"company_ids": [(4, other.id)]})
        Indicator = self.env["crm.client.indicator"].with_user(self.salesman)
        self.assertFalse(
            Indicator.with_context(allowed_company_ids=other.ids).search(
                [("partner_id", "=", self.client.id)]
            )
        )

    def test_the_card_shows_indicators_to_salesmen_only(self):
        """An employee outside sales (no access to the figures) reads cards without them."""
        employee = new_test_user(self.env, "client_base_employee", groups="base.group_user")
        for user, shown in ((employee, False), (self.salesman, True)):
            fields = self.env["res.partner"].with_user(user).fields_get()
            self.assertEqual("client_indicator_ids" in fields, shown)
            self.assertEqual("client_class_line_ids" in fields, shown)
        self.assertEqual(self.client.with_user(employee).read(["name"])[0]["name"], "Romashka LLC")
