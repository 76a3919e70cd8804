from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionContact(InteractionCase):
    def _unknown_call(self, **vals):
        return self.env["crm.interaction"].create(
            {
                "name": "Call from an unknown number",
                "kind": "call",
                "direction": "incoming",
                "contact_name": "Смирнова Анна Петровна",
                "phone": "+7 495 123-45-67",
                "email": "anna@example.com",
                "user_id": self.salesman.id,
                **vals,
            }
        )

    def _create_contact(self, call, **changes):
        action = call.action_create_contact()
        wizard_env = self.env[action["res_model"]].with_context(**action["context"])
        with Form(wizard_env) as form:
            for field, value in changes.items():
                setattr(form, field, value)
        result = form.record.action_create()
        return self.env["res.partner"].browse(result["res_id"])

    def test_individual_from_an_unknown_call(self):
        call = self._unknown_call()
        partner = self._create_contact(call.with_user(self.salesman))
        self.assertEqual(partner.name, "Смирнова Анна Петровна")
        self.assertEqual(partner.phone, "+7 495 123-45-67")
        self.assertEqual(partner.email, "anna@example.com")
        self.assertFalse(partner.is_company)
        self.assertEqual(
            (partner.surname, partner.first_name, partner.patronymic),
            ("Смирнова", "Анна", "Петровна"),
        )
        self.assertEqual(partner.user_id, self.salesman)
        self.assertEqual(call.partner_id, partner)
        self.assertEqual(partner.interaction_count, 1)

    def test_contact_person_of_the_client(self):
        call = self._unknown_call(partner_id=self.client.id)
        person = self._create_contact(call)
        self.assertEqual(person.parent_id, self.client)
        self.assertEqual(call.partner_id, self.client)
        self.assertIn(person, call.contact_ids)

    def test_company_from_a_call(self):
        call = self._unknown_call(contact_name=False)
        company = self._create_contact(call, contact_kind="company", name="Vasilek LLC")
        self.assertTrue(company.is_company)
        self.assertEqual(call.partner_id, company)

    def test_contact_person_needs_a_company(self):
        call = self._unknown_call()
        wizard = self.env["crm.interaction.create.contact"].create(
            {"interaction_id": call.id, "contact_kind": "person", "name": "Anna"}
        )
        with self.assertRaises(UserError) as cm:
            wizard.action_create()
        self.assertIn("choose the company", str(cm.exception))

    def test_duplicates_offered_before_a_new_card(self):
        """The same phone in another format, the same email or the same name: the wizard offers
        those cards and links the chosen one; nothing new is created."""
        self.env.company.country_id = self.env.ref("base.ru")
        same_phone = self.env["res.partner"].create(
            {"name": "Anna S.", "phone": "8 (495) 123 45 67", "parent_id": self.client.id}
        )
        same_email = self.env["res.partner"].create(
            {"name": "A. Smirnova", "email": "Anna@Example.com"}
        )
        same_name = self.env["res.partner"].create({"name": "смирнова анна петровна"})
        self.env["res.partner"].create(
            {"name": "Anna Smirnova-Petrova", "phone": "+7 495 765 43 21"}
        )
        call = self._unknown_call().with_user(self.salesman)
        action = call.action_create_contact()
        form = Form(
            self.env[action["res_model"]].with_user(self.salesman).with_context(**action["context"])
        )
        self.assertEqual(set(form.duplicate_ids.ids), {same_phone.id, same_email.id, same_name.id})
        form.existing_id = same_phone
        wizard = form.save()
        partners = self.env["res.partner"].search_count([])
        result = wizard.action_link_existing()
        self.assertEqual(result["res_id"], same_phone.id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        # a person of a company: the company is the client, the person a contact
        self.assertEqual(call.partner_id, self.client)
        self.assertIn(same_phone, call.contact_ids)
        # an email that is nobody's, a new name and number: no duplicate, a new card
        fresh = self._unknown_call(
            contact_name="Vasily Fresh", phone="+7 812 000 11 22", email="v@fresh.example"
        )
        action = fresh.action_create_contact()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertFalse(form.duplicate_ids)
        self.assertFalse(form.existing_id)

    def test_interest_from_an_interaction_goes_to_its_chain(self):
        call = self._interaction()
        follow_up = self._interaction("Follow-up", parent_id=call.id)
        action = follow_up.with_user(self.salesman).action_create_interest()
        interest = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(interest.type, "opportunity")
        self.assertEqual(interest.partner_id, self.client)
        self.assertEqual(interest.user_id, self.salesman)
        self.assertEqual(call.lead_id, interest)
        self.assertEqual(interest.interaction_count, 2)
        with self.assertRaises(UserError):
            call.action_create_interest()

    def test_full_name_parts_from_the_display_name(self):
        self.contact.action_fill_name_parts()
        self.assertEqual(
            (self.contact.surname, self.contact.first_name, self.contact.patronymic),
            ("Petrova", "Marina", "Sergeevna"),
        )
        with Form(self.env["res.partner"]) as form:
            form.name = "Иван Сергеевич Кузнецов"
        self.assertEqual(form.record.surname, "Кузнецов")
        self.assertEqual(form.record.patronymic, "Сергеевич")
