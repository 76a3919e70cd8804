"""The demo's client base: a client in every cell of the ABC x XYZ matrix and in every work
status, from the demo's invoices (checked only where the demo data was loaded)."""

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged


def replay_demo_day(env):
    """Refresh the indicators and classify as the demo did the day it was loaded (the lost
    client's purchase was a year before): the same figures however old the database is.
    The demo's boiler service, or None without the demo's sales."""
    lost = env.ref("crm_client_base.client_repair_demo", raise_if_not_found=False)
    invoice = lost and env["account.move"].search(
        [("partner_id", "=", lost.id), ("state", "=", "posted")], order="invoice_date", limit=1
    )
    if not invoice:  # no demo, or a demo loaded before its sales were (an update adds none)
        return None
    day = invoice.invoice_date + relativedelta(months=12)
    company = env.ref("base.main_company")
    env["crm.client.indicator"]._refresh(company, today=day)
    settings = env["crm.client.class.settings"]._for_company(company)
    env["crm.client.class.run"]._create_from_settings(settings, day)._classify(day)
    return env.ref("crm_client_base.client_boiler_demo")


@tagged("post_install", "-at_install")
class TestDemoClientBase(TransactionCase):
    def setUp(self):
        super().setUp()
        self.boiler = replay_demo_day(self.env)
        if not self.boiler:
            self.skipTest("no demo data")

    def test_every_class_and_status_has_a_demo_client(self):
        lines = self.env["crm.client.class.line"].search(
            [("is_last", "=", True), ("company_id", "=", self.env.ref("base.main_company").id)]
        )
        cells = {line.abc_turnover + line.xyz for line in lines}
        self.assertEqual(cells, {a + x for a in "ABC" for x in "XYZ"})
        statuses = self.env["crm.client.status"].search([])
        clients = self.env["res.partner"].search([("client_status_id", "!=", False)])
        self.assertEqual(clients.client_status_id, statuses)

    def test_the_story_of_the_demo(self):
        def line(xml_id):
            partner = self.env.ref(f"crm_client_base.{xml_id}")
            return self.env["crm.client.class.line"].search(
                [("is_last", "=", True), ("partner_id", "=", partner.id)]
            )

        expected = {
            "client_plant_demo": ("AX", "client_status_key"),
            "client_wholesale_demo": ("AY", "client_status_key"),
            "client_boiler_demo": ("AZ", "client_status_dormant"),
            "client_water_demo": ("BX", "client_status_active"),
            "client_mount_demo": ("BY", "client_status_active"),
            "client_gas_demo": ("BZ", "client_status_active"),
            "client_workshop_demo": ("CX", "client_status_active"),
            "client_shop_demo": ("CY", "client_status_active"),
            "client_hoa_demo": ("CZ", "client_status_active"),
        }
        for xml_id, (cell, status) in expected.items():
            found = line(xml_id)
            self.assertEqual(
                (found.abc_xyz, found.partner_id.client_status_id),
                (cell, self.env.ref(f"crm_client_base.{status}")),
                xml_id,
            )
        Ref = self.env.ref
        self.assertEqual(
            Ref("crm_client_base.client_repair_demo").client_status_id,
            Ref("crm_client_base.client_status_lost"),
        )
        self.assertEqual(
            Ref("crm_client_base.client_new_store_demo").client_status_id,
            Ref("crm_client_base.client_status_potential"),
        )
