from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestInterestData(InterestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "Office desk", "list_price": 500})
        cls.too_expensive = cls.env["crm.lost.reason"].create({"name": "Too expensive"})
        cls.to_competitor = cls.env.ref("crm_interest.crm_lost_reason_competitor")

    def test_demand_drives_expected_revenue(self):
        interest = self._interest(expected_revenue=1000)
        self.assertEqual(interest.expected_revenue, 1000)
        interest.write(
            {
                "demand_line_ids": [
                    (0, 0, {"product_id": self.product.id, "quantity": 3}),
                    (0, 0, {"name": "Assembly", "quantity": 2, "price_unit": 150}),
                ]
            }
        )
        first = interest.demand_line_ids[0]
        self.assertEqual(first.name, "Office desk")
        self.assertEqual(first.price_unit, 500)
        self.assertEqual(first.product_uom_id, self.product.uom_id)
        self.assertEqual(interest.expected_revenue, 1800)
        first.quantity = 4
        self.assertEqual(interest.expected_revenue, 2300)
        interest.demand_line_ids.unlink()
        self.assertEqual(interest.expected_revenue, 2300)  # stays, editable again
        interest.expected_revenue = 700
        self.assertEqual(interest.expected_revenue, 700)

    def test_demand_in_form(self):
        with Form(
            self.env["crm.lead"].with_user(self.salesman).with_context(default_type="opportunity")
        ) as form:
            form.name = "Chairs"
            form.team_id = self.team
            with form.demand_line_ids.new() as line:
                line.product_id = self.product
                line.quantity = 2
            self.assertEqual(form.expected_revenue, 1000)
        self.assertEqual(form.record.expected_revenue, 1000)
        self.assertEqual(form.record.scenario_id, self.scenario)

    def test_lost_needs_reason(self):
        interest = self._interest()
        with self.assertRefused(ValidationError, "without a loss reason"):
            interest.with_user(self.salesman).action_set_lost()
        self.assertTrue(interest.active)
        interest.with_user(self.salesman).action_set_lost(lost_reason_id=self.too_expensive.id)
        self.assertEqual(interest.won_status, "lost")

    def test_lost_to_competitor_needs_competitor(self):
        interest = self._interest(
            participant_ids=[
                (0, 0, {"partner_id": self.client.id, "role": "client"}),
                (0, 0, {"partner_id": self.competitor.id, "role": "competitor"}),
            ]
        )
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.salesman)
            .create({"lead_ids": [(6, 0, interest.ids)], "lost_reason_id": self.to_competitor.id})
        )
        self.assertEqual(wizard.competitor_ids, self.competitor)
        self.assertEqual(wizard.lost_competitor_id, self.competitor)  # its one competitor
        wizard.lost_competitor_id = False
        with self.assertRefused(ValidationError, "name the competitor"):
            wizard.action_lost_reason_apply()
        self.assertTrue(interest.active)
        wizard.lost_competitor_id = self.competitor
        wizard.action_lost_reason_apply()
        self.assertEqual(interest.won_status, "lost")
        self.assertEqual(interest.lost_competitor_id, self.competitor)
        self.assertEqual(interest.lost_reason_id, self.to_competitor)

    def test_competitors_directory(self):
        """Only a company flagged competitor is named; it becomes a participant of the interest
        lost to it, and the directory counts what was lost to it."""
        person = self.env["res.partner"].create({"name": "Ivan Rival"})
        with self.assertRefused(ValidationError, "only a company"):
            person.write({"is_competitor": True})
        stranger = self.env["res.partner"].create({"name": "Oduvanchik LLC", "is_company": True})
        interest = self._interest(expected_revenue=700)
        lost = self.env["crm.lead.lost"].with_user(self.salesman)
        wizard = lost.create(
            {
                "lead_ids": [(6, 0, interest.ids)],
                "lost_reason_id": self.to_competitor.id,
                "lost_competitor_id": stranger.id,
            }
        )
        with self.assertRefused(ValidationError, "not in the competitors directory"):
            wizard.action_lost_reason_apply()
        wizard.lost_competitor_id = self.competitor
        wizard.action_lost_reason_apply()
        self.assertEqual(
            interest.participant_ids.filtered(lambda p: p.role == "competitor").partner_id,
            self.competitor,
        )
        competitor = self.competitor.with_user(self.salesman)
        self.assertEqual(competitor.interest_lost_count, 1)
        self.assertEqual(competitor.interest_lost_amount, 700)
        action = competitor.action_view_interests_lost()
        found = self.env["crm.lead"].with_context(active_test=False).search(action["domain"])
        self.assertEqual(found, interest)

    def test_native_opportunity_lost_without_reason_still_works(self):
        team = self.env["crm.team"].create({"name": "Plain team"})
        opportunity = self.env["crm.lead"].create(
            {"name": "Plain", "type": "opportunity", "team_id": team.id}
        )
        opportunity.action_set_lost()
        self.assertEqual(opportunity.won_status, "lost")

    def test_won_goes_to_scenario_won_state(self):
        interest = self._interest()
        interest.action_set_won()
        self.assertEqual(interest.stage_id, self.s_won)
        self.assertEqual(interest.won_status, "won")
        self.assertEqual(interest.furthest_stage_id, self.s_won)
