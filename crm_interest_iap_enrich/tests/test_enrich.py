from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestNoEnrichOnInterests(TransactionCase):
    """crm_iap_enrich (installed with crm) offers "Enrich" (Обогащайте), which calls an
    outside service this product does not use: an interest offers no such button."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "enrich_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.scenario = cls.env["crm.interest.scenario"].create(
            {
                "name": "Enrich sale",
                "stage_ids": [
                    (0, 0, {"name": "Enrich contact", "sequence": 1}),
                    (0, 0, {"name": "Enrich won", "sequence": 2, "is_won": True}),
                ],
            }
        )
        values = {
            "type": "opportunity",
            "email_from": "buyer@romashka-trade.example.com",
            "user_id": cls.salesman.id,
        }
        cls.interest = cls.env["crm.lead"].create(
            {**values, "name": "Enrich interest", "scenario_id": cls.scenario.id}
        )
        cls.native = cls.env["crm.lead"].create({**values, "name": "Enrich native"})

    def test_no_enrich_button_on_an_interest(self):
        interest = self.interest.with_user(self.salesman)
        self.assertFalse(interest.show_enrich_button)
        self.assertTrue(self.native.with_user(self.salesman).show_enrich_button)
        form = Form(interest)
        self.assertFalse(form.show_enrich_button)

    def test_an_interest_is_never_sent_to_the_service(self):
        # the action menu's Enrich and the enrichment cron call this: nothing is sent, the
        # interest is not marked as enriched nor told the service failed
        messages = len(self.interest.message_ids)
        self.interest.with_user(self.salesman).iap_enrich()
        self.assertFalse(self.interest.iap_enrich_done)
        self.assertEqual(len(self.interest.message_ids), messages)
