"""The demo's sales: a year of posted invoices designed so that the demo's classification run
puts a client in every cell of the ABC x XYZ matrix and the status rules give every status.

Amounts of the months -12..-1 (the last complete months, those the run classifies), invoiced
on the 10th. With the default thresholds (A 80 %, B 95 %, X 10 %, Y 25 %):
- A (85 % of the turnover): the plant buys the same every month (X), the wholesaler one big
  and one smaller month in turn (Y, 20 %), the boiler service bought big the first four months
  and nothing since: Z, and dormant (no purchase for more than 180 days);
- B (the next 10 %) and C (the last 5 %): the same three patterns, smaller;
- the repair contractor bought once, exactly a year ago: lost; the new pipe store has only had
  a call with the salesman: potential; the plant and the wholesaler (a tenth of the turnover
  or more) are key, the others active.
Other addons' demo invoices are small beside these (well under 1 % of the turnover).
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# the client's xml id: his amounts of the months -12..-1
DEMO_SALES = {
    "client_plant_demo": [3_330_000] * 12,  # A X, key
    "client_wholesale_demo": [2_500_000, 1_660_000] * 6,  # A Y, key
    "client_boiler_demo": [5_000_000] * 4 + [0] * 8,  # A Z, dormant
    "client_water_demo": [420_000] * 12,  # B X
    "client_mount_demo": [350_000, 230_000] * 6,  # B Y
    "client_gas_demo": [0] * 5 + [1_250_000] + [0] * 2 + [1_250_000] + [0] * 3,  # B Z
    "client_workshop_demo": [150_000] * 12,  # C X
    "client_shop_demo": [110_000, 73_000] * 6,  # C Y
    "client_hoa_demo": [0] * 10 + [700_000, 0],  # C Z
}
LOST_AMOUNT = 400_000
QUANTITY = 10


class CrmClientIndicator(models.Model):
    _inherit = "crm.client.indicator"

    @api.model
    def _demo_load_sales(self):
        """Post the demo's invoices, then refresh the indicators, classify and apply the
        statuses as the nightly jobs would (demo data only)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        product = self.env.ref("crm_client_base.product_pipe_demo")
        month_start = today.replace(day=1)
        values = []

        def invoice(xml_id, day, amount):
            values.append(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": self.env.ref(f"crm_client_base.{xml_id}").id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": QUANTITY,
                                "price_unit": amount / QUANTITY,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )

        for xml_id, amounts in DEMO_SALES.items():
            for back, amount in zip(range(12, 0, -1), amounts, strict=True):
                if amount:
                    day = (month_start - relativedelta(months=back)).replace(day=10)
                    invoice(xml_id, day, amount)
        # a year ago to the day: still in the indicators' year, no purchase for 365 days
        invoice("client_repair_demo", today - relativedelta(months=12), LOST_AMOUNT)
        self.env["account.move"].create(values).action_post()
        self._refresh(company, today=today)
        settings = self.env["crm.client.class.settings"]._for_company(company)
        run = self.env["crm.client.class.run"]._create_from_settings(settings, today)
        run._classify(today)
