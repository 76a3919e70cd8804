from odoo import Command
from odoo.addons.crm_interest.tests.common import InterestCase


class DocumentCase(InterestCase):
    """An interest whose primary demand has goods with one or two vendors, goods without a
    vendor, a service and a line without a product; a 20% VAT on everything sold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"vat": "7701234567", "email": "sales@example.com"})
        cls.client.write({"vat": "7809876543", "email": "info@romashka.example.com"})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anna Romashkina", "parent_id": cls.client.id, "email": "anna@example.com"}
        )
        cls.vat = cls.env["account.tax"].create(
            {"name": "VAT 20%", "amount": 20.0, "amount_type": "percent", "type_tax_use": "sale"}
        )
        cls.vendor_a = cls.env["res.partner"].create({"name": "Mebel Factory"})
        cls.vendor_b = cls.env["res.partner"].create({"name": "Chair Works"})
        Product = cls.env["product.product"]
        common = {"taxes_id": [Command.set(cls.vat.ids)], "invoice_policy": "order"}
        cls.desk = Product.create(
            {
                "name": "Office desk",
                "type": "consu",
                "list_price": 900.0,
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor_a.id, "sequence": 1, "price": 500}),
                    Command.create({"partner_id": cls.vendor_b.id, "sequence": 5, "price": 450}),
                ],
                **common,
            }
        )
        cls.chair = Product.create(
            {
                "name": "Office chair",
                "type": "consu",
                "list_price": 150.0,
                "seller_ids": [Command.create({"partner_id": cls.vendor_b.id, "price": 90})],
                **common,
            }
        )
        cls.lamp = Product.create(
            {"name": "Desk lamp", "type": "consu", "list_price": 60.0, **common}
        )
        cls.assembly = Product.create(
            {"name": "Furniture assembly", "type": "service", "list_price": 2500.0, **common}
        )
        cls.medium = cls.env["utm.medium"].create({"name": "Cold call"})
        cls.source = cls.env["utm.source"].create({"name": "Exhibition"})
        cls.interest = cls._interest(
            "Office for Romashka",
            medium_id=cls.medium.id,
            source_id=cls.source.id,
            demand_line_ids=[
                Command.create({"product_id": cls.desk.id, "quantity": 4, "price_unit": 1000}),
                Command.create({"product_id": cls.chair.id, "quantity": 10, "price_unit": 200}),
                Command.create({"product_id": cls.lamp.id, "quantity": 2, "price_unit": 50}),
                Command.create({"product_id": cls.assembly.id, "quantity": 1, "price_unit": 3000}),
                Command.create({"name": "Delivery to the third floor", "quantity": 1}),
            ],
        )
        # 4000 + 2000 + 100 + 3000, VAT 20%
        cls.untaxed, cls.tax, cls.total = 9100.0, 1820.0, 10920.0

    @classmethod
    def _quotation(cls, interest=None):
        interest = interest or cls.interest
        action = interest.action_interest_create_quotation()
        return cls.env["sale.order"].browse(action["res_id"])

    def _render(self, report, records):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return html.decode()

    def _money(self, amount, currency=None):
        """The amount as the monetary widget prints it, without its currency symbol."""
        currency = currency or self.company.currency_id
        return f"{amount:,.{currency.decimal_places}f}"
