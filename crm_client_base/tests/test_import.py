import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_partner_card import SBER_INN

FILE = """name;inn;kpp;phone;email;responsible
ООО «Василёк»;500100732259;;+7 495 000-00-01;vasilek@example.com;client_import_salesman
Ромашка;7707 083893;773601001;+7 495 123-45-67;;
Лютик;7707083894;;;;
;7736050003;;;;
Лопух;;;;;nobody_here
"""


@tagged("post_install", "-at_install")
class TestClientImport(TransactionCase):
    """A salesman imports clients from the template: every row is created, merged or refused
    with its reason; nothing is silently dropped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "client_import_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.ru = cls.env.ref("base.ru")
        cls.romashka = cls.env["res.partner"].create(
            {"name": "ООО «Ромашка»", "is_company": True, "country_id": cls.ru.id,
             "vat": SBER_INN, "kpp": "773601001", "email": "info@romashka.example.com"}
        )  # fmt: skip

    def run_import(self, text, filename="clients.csv"):
        wizard = (
            self.env["crm.client.import"]
            .with_user(self.salesman)
            .create({"file": base64.b64encode(text.encode()), "filename": filename})
        )
        wizard.action_import()
        return wizard

    def test_every_row_is_created_merged_or_refused_with_its_reason(self):
        wizard = self.run_import(FILE)
        report = {line.row: (line.result, line.message) for line in wizard.line_ids}
        self.assertEqual(len(report), 5, "every row of the file is in the report")
        self.assertEqual(report[2][0], "created")
        vasilek = wizard.line_ids.filtered(lambda line: line.row == 2).partner_id
        self.assertEqual((vasilek.vat, vasilek.user_id), ("500100732259", self.salesman))
        # the known INN and KPP: merged, the card's own data kept, what it lacked filled
        self.assertEqual(report[3][0], "merged")
        self.assertEqual(self.romashka.name, "ООО «Ромашка»")
        self.assertEqual(self.romashka.phone, "+7 495 123-45-67")
        self.assertEqual(self.romashka.email, "info@romashka.example.com")
        self.assertEqual(
            report[4], ("refused", "INN 7707083894: its check digits do not match, it is mistyped.")
        )
        self.assertEqual(report[5], ("refused", "The row has no name."))
        self.assertEqual(report[6], ("refused", "No user nobody_here to make responsible."))
        self.assertEqual(
            (wizard.created_count, wizard.merged_count, wizard.refused_count), (1, 1, 3)
        )
        self.assertFalse(self.env["res.partner"].search([("name", "in", ["Лютик", "Лопух"])]))

    def test_a_file_without_names_is_refused_in_words(self):
        with self.assertRaisesRegex(UserError, 'no column "name"'):
            self.run_import("inn;kpp\n7707083893;773601001\n")
        with self.assertRaisesRegex(UserError, "The file cannot be read"):
            self.run_import("not a spreadsheet", filename="clients.xlsx")
