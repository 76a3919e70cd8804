from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDocumentTour(HttpCase):
    def test_one_name_per_action(self):
        salesman = new_test_user(
            self.env, "doc_tour_salesman", groups="sales_team.group_sale_salesman"
        )
        client = self.env["res.partner"].create({"name": "Tour Romashka", "is_company": True})
        product = self.env["product.product"].create({"name": "Tour desk", "list_price": 100})
        interest = self.env["crm.lead"].create(
            {
                "name": "Tour document desks",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": salesman.id,
                "demand_line_ids": [Command.create({"product_id": product.id, "quantity": 3})],
            }
        )
        self.start_tour(
            f"/odoo/crm.lead/{interest.id}", "crm_interest_document_tour", login="doc_tour_salesman"
        )
        self.assertEqual(len(interest.order_ids), 1)
