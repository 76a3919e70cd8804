from odoo.tests import HttpCase, new_test_user, tagged

from .test_demo import replay_demo_day


@tagged("post_install", "-at_install")
class TestMatrixTour(HttpCase):
    """The director drills from the ABC x XYZ matrix into a dormant A client and plans a call
    (on the demo data: skipped without it)."""

    def test_the_director_plans_a_call_with_a_dormant_a_client(self):
        boiler = replay_demo_day(self.env)
        if not boiler:
            self.skipTest("no demo data")
        director = new_test_user(
            self.env,
            "client_base_director",
            groups="sales_team.group_sale_manager",
            name="Director Sales",
        )
        self.start_tour("/odoo/crm", "crm_client_base_matrix_tour", login=director.login)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", boiler.id),
             ("create_uid", "=", director.id)]
        )  # fmt: skip
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.summary, "Узнать, почему перестали покупать трубы")
