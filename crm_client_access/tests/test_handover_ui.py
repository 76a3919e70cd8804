from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestHandoverTour(HttpCase):
    def test_hand_a_leavers_work_over_from_his_user_form(self):
        ctx = {"no_reset_password": True}
        group = "sales_team.group_sale_salesman"
        new_test_user(
            self.env,
            "tour_handover_admin",
            groups="sales_team.group_sale_manager,base.group_erp_manager",
            name="Tour Sales Administrator",
            context=ctx,
        )
        leaver = new_test_user(self.env, "tour_leaver", groups=group, name="Tour Leaver",
                               context=ctx)  # fmt: skip
        successor = new_test_user(
            self.env, "tour_successor", groups=group, name="Tour Successor", context=ctx
        )
        client = self.env["res.partner"].create(
            {"name": "Tour client", "is_company": True, "user_id": leaver.id}
        )
        lead = self.env["crm.lead"].create(
            {"name": "Tour interest", "type": "opportunity", "user_id": leaver.id,
             "partner_id": client.id}
        )  # fmt: skip
        self.start_tour(
            f"/odoo/action-base.action_res_users/{leaver.id}",
            "crm_access_handover_tour",
            login="tour_handover_admin",
        )
        self.assertEqual(lead.user_id, successor)
        self.assertEqual(client.user_id, successor)
        self.assertTrue(leaver.active)
        self.assertEqual(
            self.env["crm.access.log"].search_count(
                [("kind", "=", "handover"), ("user_id", "=", leaver.id)]
            ),
            2,
        )
