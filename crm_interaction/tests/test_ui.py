from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInteractionTour(HttpCase):
    def test_register_a_call_create_the_contact_plan_a_follow_up(self):
        new_test_user(
            self.env,
            "tour_interaction_salesman",
            groups="sales_team.group_sale_salesman",
            name="Tour Interaction Salesman",
        )
        self.start_tour(
            "/odoo/action-crm_interaction.crm_interaction_action",
            "crm_interaction_tour",
            login="tour_interaction_salesman",
        )
        Interaction = self.env["crm.interaction"]
        call = Interaction.search([("name", "=", "Tour call: price list request")])
        self.assertEqual(len(call), 1)
        self.assertEqual(call.kind, "call")
        client = call.partner_id
        self.assertEqual(client.name, "Смирнова Анна Петровна")
        self.assertEqual(client.phone, "+7 495 765-43-21")
        self.assertEqual(client.surname, "Смирнова")
        follow_up = Interaction.search([("parent_id", "=", call.id)])
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.kind, "meeting")
        self.assertEqual(follow_up.partner_id, client)

    def test_control_wizard_opens_at_its_first_step(self):
        new_test_user(
            self.env,
            "tour_control_admin",
            groups="sales_team.group_sale_manager",
            name="Tour Sales Administrator",
        )
        self.start_tour(
            "/odoo/action-crm_interaction.crm_control_task_plan_action",
            "crm_interaction_control_wizard_tour",
            login="tour_control_admin",
        )
