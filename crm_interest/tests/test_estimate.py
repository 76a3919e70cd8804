from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestEstimate(InterestCase):
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
        self.assertAlmostEqual(contact.probability_estimate, 40.0, delta=0.01)
        self.assertAlmostEqual(needs.probability_estimate, 59.77, delta=0.01)
        # closed interests keep nothing
        closed = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("name", "=like", "Closed %")])
        )
        self.assertFalse(any(closed.mapped("probability_estimate_count")))

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
        self.assertAlmostEqual(interest.probability_estimate, 59.77, delta=0.01)
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
            interest.probability_estimate_basis, "no closed interest to learn from yet"
        )
