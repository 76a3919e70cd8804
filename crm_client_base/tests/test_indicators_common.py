"""Clients with posted invoices, credit notes, interests and interactions (issue 23)."""

from datetime import date

from odoo import Command
from odoo.addons.crm_interest.tests.common import InterestCase
from odoo.tests import new_test_user


class ClientBaseCase(InterestCase):
    """The salesman's client Romashka (and his contact), salesman2's client Vasilkovo; the
    sales manager (All Documents) reads all, the consultant (sales administrator) classifies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.sales_manager = new_test_user(
            cls.env,
            "client_base_sales_manager",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Elena Sales Manager",
        )
        cls.consultant = cls.manager
        cls.client.user_id = cls.salesman
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anna Romashkina", "parent_id": cls.client.id}
        )
        cls.other_client = cls.env["res.partner"].create(
            {"name": "Vasilkovo LLC", "is_company": True, "user_id": cls.salesman2.id}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Office desk",
                "type": "consu",
                "list_price": 100.0,
                "standard_price": 60.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.settings = cls.env["crm.client.class.settings"]._for_company(cls.company)
        # the demo's year of sales would count beside the tests' own invoices: back to draft
        cls.env["account.move"].search(
            [
                ("company_id", "=", cls.company.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ]
        ).button_draft()

    @classmethod
    def _invoice(cls, partner, day, quantity, price=100.0, move_type="out_invoice", post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _indicator(self, partner, user=None):
        Indicator = self.env["crm.client.indicator"]
        if user:
            Indicator = Indicator.with_user(user)
        return Indicator.search([("partner_id", "=", partner.id)])

    def _refresh(self, day):
        self.env["crm.client.indicator"]._refresh(self.company, today=day)

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )


TODAY = date(2026, 7, 15)
