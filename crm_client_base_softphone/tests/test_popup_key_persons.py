from odoo.addons.crm_softphone.tests.common import SoftphoneCommon
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPopupKeyPersons(SoftphoneCommon, TransactionCase):
    """The popup of an incoming call names the client's key persons with their role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.env["res.partner"].create(
            {
                "name": "Sergey Volkov",
                "parent_id": cls.client.id,
                "function": "CEO",
                "client_key_person": True,
                "client_decision_role": "decision_maker",
            }
        )

    def test_the_popup_names_the_key_persons_of_the_caller_s_client(self):
        # the contact calls (not a key person himself): the popup names his company's
        self.ingest(*self.incoming("kp1", "+79161234567", answered=False)[:2])
        popup = self.popups()[self.salesman][-1]
        self.assertEqual(popup["client"]["id"], self.client.id)
        self.assertEqual(
            popup["key_persons"],
            [
                {
                    "id": self.director.id,
                    "name": "Sergey Volkov",
                    "role": "Makes the decision",
                    "function": "CEO",
                }
            ],
        )
        # the contact becomes a key person too: the next call names both, in Russian for a
        # Russian-speaking user
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_client_base"], ["ru_RU"])
        self.salesman.lang = "ru_RU"
        self.contact.write({"client_key_person": True, "client_decision_role": "budget"})
        self.ingest(*self.incoming("kp2", "+74951234567", answered=False)[:2])
        popup = self.popups()[self.salesman][-1]
        self.assertEqual(
            {p["name"]: p["role"] for p in popup["key_persons"]},
            {"Sergey Volkov": "Принимает решение", "Ivan Petrov": "Утверждает бюджет"},
        )

    def test_an_unknown_number_names_no_one(self):
        self.ingest(*self.incoming("kp3", "+74990000000", answered=False)[:2])
        popup = self.popups()[self.salesman][-1]
        self.assertFalse(popup["client"])
        self.assertEqual(popup["key_persons"], [])
