from odoo.exceptions import RedirectWarning, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

SBER_INN, SBER_OGRN = "7707083893", "1027700132195"


@tagged("post_install", "-at_install")
class TestClientCard(TransactionCase):
    """The client's card as a salesman fills it in: numbers checked, duplicates shown and
    refused, history kept, key persons on the client and his interests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "client_base_salesman", groups="sales_team.group_sale_salesman",
            name="Ivan Salesman",
        )  # fmt: skip
        cls.other = new_test_user(
            cls.env, "client_base_other", groups="sales_team.group_sale_salesman",
            name="Petr Salesman",
        )  # fmt: skip
        cls.ru = cls.env.ref("base.ru")
        cls.Partner = cls.env["res.partner"].with_user(cls.salesman)
        cls.romashka = cls.env["res.partner"].create(
            {
                "name": "ООО «Ромашка»",
                "is_company": True,
                "country_id": cls.ru.id,
                "vat": SBER_INN,
                "kpp": "773601001",
                "phone": "+7 495 123-45-67",
                "email": "info@romashka.example.com",
                "user_id": cls.other.id,
            }
        )

    def company(self, **values):
        return self.Partner.create(
            {"name": "Vasilek", "is_company": True, "country_id": self.ru.id, **values}
        )

    def test_company_numbers_are_checked_by_their_check_digits(self):
        with self.assertRaisesRegex(ValidationError, "INN 7707083894: its check digits"):
            self.company(vat="7707083894")
        with self.assertRaisesRegex(ValidationError, "INN 77070838: an INN has 10 digits"):
            self.company(vat="77070838")
        with self.assertRaisesRegex(ValidationError, "KPP 77360100: a KPP has 9 characters"):
            self.company(vat="500100732259", kpp="77360100")
        with self.assertRaisesRegex(ValidationError, "OGRN 1027700132196: its check digit"):
            self.company(ogrn="1027700132196")
        # an individual entrepreneur's 12-digit INN and OGRNIP, a foreign company's VAT
        self.assertTrue(self.company(vat="500100732259", ogrn="304500116000157"))
        foreign = self.Partner.create(
            {"name": "Acme", "is_company": True, "vat": "BE0477472701",
             "country_id": self.env.ref("base.be").id}
        )  # fmt: skip
        self.assertEqual(foreign.vat, "BE0477472701")

    def test_an_exact_inn_duplicate_is_refused_with_a_way_to_the_existing_card(self):
        with self.assertRaises(RedirectWarning) as caught:
            self.company(vat="7707 083893", kpp="773601001")
        message, action, button = caught.exception.args[:3]
        self.assertIn("already exists: ООО «Ромашка»", message)
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", self.romashka.id))
        self.assertEqual(button, "Open the Existing Card")
        # a branch: the head office's INN, a KPP of its own
        branch = self.company(vat=SBER_INN, kpp="773602001")
        self.assertEqual(branch.vat, SBER_INN)
        # renaming the INN of another card into an existing one is refused too
        vasilek = self.company(vat="500100732259")
        with self.assertRaises(RedirectWarning):
            vasilek.write({"vat": SBER_INN, "kpp": "773601001"})

    def test_an_import_says_why_each_refused_row_is_refused(self):
        fields_ = ["name", "is_company", "vat", "kpp", "country_id/id"]
        rows = [
            ["Ромашка, ООО", "1", SBER_INN, "773601001", "base.ru"],
            ["Василёк", "1", "500100732259", "", "base.ru"],
            ["Лютик", "1", "7707083894", "", "base.ru"],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.Partner.with_context(import_file=True).load(fields_, rows)
        texts = " ".join(m["message"] for m in result["messages"])
        self.assertIn("A client with INN 7707083893 already exists", texts)
        self.assertIn("INN 7707083894: its check digits do not match", texts)
        # an import with refused rows creates nothing: the user corrects the file and runs it again
        self.assertFalse(self.env["res.partner"].search([("name", "in", ["Василёк", "Лютик"])]))

    def test_the_form_shows_similar_cards_before_saving(self):
        form = Form(self.Partner.with_context(default_is_company=True))
        form.name = "Ромашка, ООО"
        self.assertIn(self.romashka, form.client_similar_ids[:])
        form.name = "Совсем другая фирма"
        self.assertNotIn(self.romashka, form.client_similar_ids[:])
        form.country_id = self.ru
        form.phone = "8 (495) 1234567"  # the same number, written otherwise
        self.assertIn(self.romashka, form.client_similar_ids[:])
        form.phone = False
        form.email = "INFO@romashka.example.com"
        self.assertIn(self.romashka, form.client_similar_ids[:])
        # its own contact does not count as a duplicate of the client
        contact = self.env["res.partner"].create(
            {"name": "Анна Петрова", "parent_id": self.romashka.id, "email": "anna@example.com"}
        )
        self.assertNotIn(contact, self.romashka.client_similar_ids)

    def test_the_card_keeps_its_history(self):
        self.env.flush_all()
        self.env.cr.precommit.run()  # what the class set up is logged before
        romashka = self.romashka.with_user(self.other)
        romashka.write({"vat": "500100732259", "kpp": "773602001", "user_id": self.salesman.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.romashka.id)]
        )
        tracked = messages.tracking_value_ids
        self.assertEqual(
            set(tracked.field_id.mapped("name")), {"vat", "kpp", "user_id"}, "who and what"
        )
        self.assertEqual(tracked.mail_message_id.author_id, self.other.partner_id)

    def test_key_persons_show_on_the_client_and_his_interests(self):
        director = self.env["res.partner"].create(
            {"name": "Сергей Иванов", "parent_id": self.romashka.id, "function": "Director",
             "client_key_person": True, "client_decision_role": "decision_maker"}
        )  # fmt: skip
        self.env["res.partner"].create({"name": "Секретарь", "parent_id": self.romashka.id})
        self.assertEqual(self.romashka.client_key_person_ids, director)
        lead = self.env["crm.lead"].create(
            {"name": "Трубы", "type": "opportunity", "partner_id": director.id}
        )
        self.assertEqual(lead.client_key_person_ids, director)

    def test_merging_cards_keeps_their_interests_and_interactions(self):
        copy = self.env["res.partner"].create({"name": "Romashka (copy)", "is_company": True})
        lead = self.env["crm.lead"].create(
            {"name": "Трубы", "type": "opportunity", "partner_id": copy.id}
        )
        call = self.env["crm.interaction"].create(
            {"name": "Звонок", "kind": "call", "partner_id": copy.id, "user_id": self.other.id}
        )
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.romashka | copy).ids, self.romashka)
        self.assertFalse(copy.exists())
        self.assertEqual(lead.partner_id, self.romashka)
        self.assertEqual(call.partner_id, self.romashka)
