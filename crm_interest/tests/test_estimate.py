from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InterestCase
from .cron_common import CronRunMixin


@tagged("post_install", "-at_install")
class TestEstimate(InterestCase, CronRunMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reason = cls.env["crm.lost.reason"].create({"name": "No budget"})
        # closed history: 10 interests reached "needs", 6 of them won; 5 lost in "contact"
        for index in range(10):
            interest = cls._interest(f"Closed {index}")
            interest.stage_id = cls.s_needs
            if index < 6:
                interest.action_set_won()
            else:
                interest.action_set_lost(lost_reason_id=reason.id)
        for index in range(5):
            cls._interest(f"Early loss {index}").action_set_lost(lost_reason_id=reason.id)
        cls.open_needs = cls._interest("Open in needs")
        cls.open_needs.stage_id = cls.s_needs
        cls.open_contact = cls._interest("Open in contact")

    def test_estimate_from_closed_interests_with_its_basis(self):
        self.env["crm.lead"]._interest_refresh_open_estimates(batch_size=1)
        needs, contact = self.open_needs, self.open_contact
        self.assertEqual(
            (needs.probability_estimate_won, needs.probability_estimate_count), (6, 10)
        )
        self.assertEqual(needs.probability_estimate_level, "client")
        self.assertEqual(
            needs.probability_estimate_basis,
            "6 of 10 similar interests were won (with this client)",
        )
        self.assertEqual(
            (contact.probability_estimate_won, contact.probability_estimate_count), (6, 15)
        )
        # reaching "needs" makes a win likelier than being in "contact"
        self.assertGreater(needs.probability_estimate, contact.probability_estimate)
        # the figure is its basis: 6 of 15, 6 of 10
        self.assertEqual(contact.probability_estimate, 40.0)
        self.assertEqual(needs.probability_estimate, 60.0)
        # closed interests keep nothing
        closed = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("name", "=like", "Closed %")])
        )
        self.assertFalse(any(closed.mapped("probability_estimate_count")))

    def test_the_interest_shows_one_probability_its_estimate_with_its_basis(self):
        """The probability of an interest is its estimate, its basis beside it with the same
        figures; Odoo's lead scoring neither sets it nor moves it (issue 22: 87.83 % from
        lead scoring in the header, 64.29 % "won 2 of 2" in the Probability tab)."""
        interest = self._interest("One probability").with_user(self.salesman)
        # created in "contact": 6 of the 15 closed interests that reached it were won
        self.assertEqual(interest.probability, 40.0)
        self.assertTrue(interest.is_automated_probability)
        self.assertEqual(
            interest.probability_basis,
            "estimated from similar interests: 6 of 15 similar interests were won "
            "(with this client)",
        )
        interest.stage_id = self.s_needs
        self.assertEqual(interest.probability, 60.0)
        self.assertIn("6 of 10", interest.probability_basis)
        # Odoo's daily lead scoring rebuild leaves it as it is
        self.env["crm.lead"].sudo()._cron_update_automated_probabilities()
        interest.invalidate_recordset()
        self.assertEqual((interest.probability, interest.automated_probability), (60.0, 60.0))
        interest.action_set_automated_probability()  # Odoo's "AI" switch gives the estimate
        self.assertEqual(interest.probability, 60.0)
        # a probability set by hand stays, and says so
        interest.probability = 75
        self.env["crm.lead"]._interest_refresh_open_estimates()
        self.assertEqual(interest.probability, 75)
        self.assertEqual(interest.probability_basis, "set by hand")
        interest.action_interest_use_estimate()
        self.assertEqual(interest.probability, 60.0)
        self.assertIn("6 of 10", interest.probability_basis)
        # lost, then restored: it follows the estimate again
        reason = self.env["crm.lost.reason"].search([("name", "=", "No budget")], limit=1)
        interest.action_set_lost(lost_reason_id=reason.id)
        interest.action_restore()
        self.assertEqual(interest.probability, 60.0)

    def test_use_estimate_and_manual_probability(self):
        interest = self.open_needs.with_user(self.salesman)
        interest.probability = 15
        self.env["crm.lead"]._interest_refresh_open_estimates()
        self.assertEqual(interest.probability, 15)  # a manual probability is never overwritten
        estimate = interest.probability_estimate
        self.assertNotEqual(estimate, 15)
        interest.action_interest_use_estimate()
        self.assertEqual(interest.probability, estimate)
        self.open_contact.action_set_won()
        with self.assertRaises(UserError):
            self.open_contact.action_interest_use_estimate()

    def test_closing_an_interest_schedules_a_refresh(self):
        cron = self.env.ref("crm_interest.ir_cron_interest_estimate")
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        self.open_contact.action_set_won()
        self.assertGreater(Trigger.search_count([("cron_id", "=", cron.id)]), before)

    def test_moving_an_interest_reestimates_it_at_once(self):
        interest = self._interest("Moving")
        self.assertEqual(
            (interest.probability_estimate_won, interest.probability_estimate_count), (6, 15)
        )
        interest.with_user(self.salesman).stage_id = self.s_needs
        self.assertEqual(
            (interest.probability_estimate_won, interest.probability_estimate_count), (6, 10)
        )
        self.assertEqual(interest.probability_estimate, 60.0)
        interest.action_set_won()
        self.assertEqual(interest.probability_estimate_count, 0)

    def test_without_history_no_basis(self):
        scenario = self.env["crm.interest.scenario"].create({"name": "Fresh"})
        stage = self.env["crm.stage"].create({"name": "Only", "scenario_id": scenario.id})
        self.env["crm.stage"].create({"name": "Done", "scenario_id": scenario.id, "is_won": True})
        interest = self._interest("Fresh one", scenario_id=scenario.id)
        self.assertEqual(interest.stage_id, stage)
        self.env["crm.lead"]._interest_refresh_open_estimates()
        self.assertEqual(interest.probability_estimate_count, 0)
        self.assertEqual(
            interest.probability_estimate_basis, "too few closed interests to learn from yet"
        )
        self.assertEqual(interest.probability, 0)
        self.assertEqual(
            interest.probability_basis,
            "not estimated: too few closed interests to learn from yet; set it by hand",
        )

    def test_cron_stopped_after_a_batch_goes_on_where_it_stopped(self):
        Lead = self.env["crm.lead"]
        open_interests = Lead.search(Lead._interest_open_domain(), order="id")
        ours = self.open_needs | self.open_contact
        open_interests._interest_clear_estimates()
        # the worker's time is up (or it is killed) after its first batch of one interest
        done, remaining = self.run_cron(
            "crm_interest.ir_cron_interest_estimate", first_batch_only=True
        )
        self.assertEqual((done, remaining), (1, len(open_interests) - 1))
        first = open_interests[0]
        self.assertEqual(self.cron_resume_point("interest_estimate"), first.id)
        self.assertFalse(any((ours - first).mapped("probability_estimate_count")))
        # the next run goes on after it, to the end
        done, remaining = self.run_cron("crm_interest.ir_cron_interest_estimate")
        self.assertEqual((done, remaining), (len(open_interests) - 1, 0))
        self.assertEqual(self.cron_resume_point("interest_estimate"), 0)
        self.assertEqual(
            [(i.probability_estimate_won, i.probability_estimate_count) for i in ours],
            [(6, 10), (6, 15)],
        )
