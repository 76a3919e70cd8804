from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestFunnel(InterestCase):
    def test_funnel_figures_on_known_data(self):
        """Ten interests: 4 stay in contact, 3 reach needs (1 lost there), 2 reach the offer
        (one of them skipped needs), 1 won after going through all states."""
        lost_reason = self.env["crm.lost.reason"].create({"name": "No budget"})
        with freeze_time(datetime(2026, 3, 2, 9, 0)):
            for i in range(4):
                self._interest(f"Stay {i}", expected_revenue=100)
            needs = [self._interest(f"Needs {i}", expected_revenue=200) for i in range(3)]
            offer = self._interest("Offer", expected_revenue=300)
            won = self._interest("Won", expected_revenue=1000)
            skip = self._interest("Skipper", expected_revenue=400)
        with freeze_time(datetime(2026, 3, 4, 9, 0)):  # two days in contact
            for interest in [*needs, offer, won]:
                interest.stage_id = self.s_needs
            skip.stage_id = self.s_offer
        with freeze_time(datetime(2026, 3, 8, 9, 0)):  # four days in needs
            offer.stage_id = self.s_offer
            won.stage_id = self.s_offer
            needs[0].action_set_lost(lost_reason_id=lost_reason.id)
        with freeze_time(datetime(2026, 3, 9, 9, 0)):  # one day in offer
            won.action_set_won()
        Lead = self.env["crm.lead"]
        with freeze_time(datetime(2026, 3, 10, 9, 0)):
            report = Lead.interest_funnel_report({"scenario_id": self.scenario.id})
        rows = {row["stage_id"]: row for row in report["rows"]}
        totals = report["totals"]
        # totals count each interest once
        self.assertEqual(totals["entered"], 10)
        self.assertEqual((totals["won"], totals["won_amount"]), (1, 1000))
        self.assertEqual(totals["lost"], 1)
        self.assertEqual(
            (totals["open"], totals["open_amount"]), (8, 4 * 100 + 2 * 200 + 300 + 400)
        )
        self.assertEqual(totals["conversion"], 10.0)
        contact, need, offer_row, won_row = (rows[s.id] for s in self.scenario.stage_ids)
        self.assertEqual(
            [contact["reached"], need["reached"], offer_row["reached"], won_row["reached"]],
            [10, 6, 3, 1],
        )
        self.assertEqual(contact["amount"], 4 * 100 + 3 * 200 + 300 + 1000 + 400)
        self.assertEqual(need["amount"], 3 * 200 + 300 + 1000 + 400)
        self.assertEqual(contact["to_next"], 60.0)
        self.assertEqual(need["to_next"], 50.0)
        self.assertAlmostEqual(offer_row["to_next"], 33.33)
        self.assertEqual(contact["to_won"], 10.0)
        self.assertAlmostEqual(offer_row["to_won"], 33.33)
        self.assertIsNone(won_row["to_next"])
        # contact: 4 still there 8 days + 6 left after 2 days -> (32 + 12) / 10
        self.assertAlmostEqual(contact["avg_days"], 4.4)
        # needs: 5 rows: 2 still there 6 days, 1 lost after 4 days, 2 left after 4 days
        self.assertAlmostEqual(need["avg_days"], (6 + 6 + 4 + 4 + 4) / 5)
        # offer: skip 6 days so far, offer 2 days so far, won 1 day
        self.assertAlmostEqual(offer_row["avg_days"], 3.0)
        # drill-down: the interests that reached the offer
        self.assertEqual(
            set(Lead.with_context(active_test=False).search(offer_row["domain"]).ids),
            {offer.id, won.id, skip.id},
        )
        # the salesman filter and the record rules narrow the same figures
        report = Lead.interest_funnel_report(
            {"scenario_id": self.scenario.id, "user_id": self.salesman2.id}
        )
        self.assertEqual(report["totals"]["entered"], 0)
        report = Lead.with_user(self.salesman2).interest_funnel_report(
            {"scenario_id": self.scenario.id}
        )
        self.assertEqual(report["totals"]["entered"], 0)
        # a period that ends before they were created
        report = Lead.interest_funnel_report(
            {"scenario_id": self.scenario.id, "date_to": "2026-03-01"}
        )
        self.assertEqual(report["rows"][0]["reached"], 0)

    def test_running_totals_answer_as_the_history(self):
        """The average days read from the running totals are those of the whole history,
        through moves, a loss, a restore, a win and a deletion."""
        reason = self.env["crm.lost.reason"].create({"name": "No budget"})
        with freeze_time(datetime(2026, 3, 2, 9, 0)):
            interests = [self._interest(f"Totals {i}") for i in range(5)]
        with freeze_time(datetime(2026, 3, 3, 15, 0)):
            for interest in interests[:4]:
                interest.stage_id = self.s_needs
        with freeze_time(datetime(2026, 3, 5, 9, 0)):
            interests[0].action_set_lost(lost_reason_id=reason.id)
            interests[1].stage_id = self.s_offer
        with freeze_time(datetime(2026, 3, 6, 9, 0)):
            interests[0].action_unarchive()  # restored: in its state again
            interests[1].action_set_won()
            interests[3].unlink()
        Funnel = self.env["crm.interest.funnel"]
        Lead = self.env["crm.lead"].with_context(active_test=False)
        domain = [("scenario_id", "=", self.scenario.id), ("type", "=", "opportunity")]
        with freeze_time(datetime(2026, 3, 9, 9, 0)):
            self.assertTrue(Funnel._sees_whole_scenario(self.scenario, domain))
            from_totals = Funnel._avg_days(self.scenario, Lead, domain)
            from_history = Funnel._avg_days(self.scenario, Lead, [*domain, ("id", "!=", 0)])
            self.env["crm.interest.stage.history"]._totals_rebuild()
            rebuilt = Funnel._avg_days(self.scenario, Lead, domain)
        self.assertEqual(set(from_totals), set(from_history))
        for stage, days in from_history.items():
            self.assertAlmostEqual(from_totals[stage], days, places=6)
            self.assertAlmostEqual(rebuilt[stage], days, places=6)
        # contact: 3 left after 1.25 days, 1 still there 7 days (the deleted one is gone)
        self.assertAlmostEqual(from_totals[self.s_contact.id], (3 * 1.25 + 7) / 4)
        # a salesman sees only his interests: the totals are not his answer
        self.assertFalse(
            Funnel.with_user(self.salesman)._sees_whole_scenario(self.scenario, domain)
        )
