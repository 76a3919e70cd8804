from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClaimTour(HttpCase):
    """A salesperson registers a claim from an interest and closes it, in the browser."""

    def setUp(self):
        super().setUp()
        self.salesman = new_test_user(
            self.env,
            "tour_claim_salesman",
            groups="sales_team.group_sale_salesman",
            name="Tour Claim Salesman",
        )
        self.client = self.env["res.partner"].create(
            {"name": "Tour Romashka", "is_company": True, "user_id": self.salesman.id}
        )
        self.reason = self.env["crm.claim.reason"].create({"name": "Tour: quality"})
        self.interest = self.env["crm.lead"].create(
            {
                "name": "Tour desks for Romashka",
                "type": "opportunity",
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
            }
        )

    def test_claim_from_interest(self):
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{self.interest.id}",
            "crm_claim_tour",
            login="tour_claim_salesman",
        )
        claim = self.interest.claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.partner_id, self.client)
        self.assertEqual(claim.user_id, self.salesman)
        self.assertEqual(claim.reason_id, self.reason)
        self.assertEqual(claim.resolution, "The scratched desks were replaced.")
        self.assertEqual(claim.state, "satisfied")
        self.assertTrue(claim.date_closed)
