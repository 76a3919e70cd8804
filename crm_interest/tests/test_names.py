from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOneNamePerThing(TransactionCase):
    """Where a salesman meets an interest, it is called an interest, and each report has
    one name (issue 22: Reporting had "Воронка продаж" and "Воронка", the activity menu
    said "Лид")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "names_salesman", groups="sales_team.group_sale_salesman"
        )

    def _report_menus(self, lang):
        report = self.env.ref("crm.crm_menu_report")
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.salesman)
            .with_context(lang=lang)
            .search([("parent_id", "=", report.id)])
        )
        return menus.mapped("name")

    def test_activity_menu_calls_it_an_interest(self):
        interest = self.env["crm.lead"].create(
            {"name": "Names desks", "type": "opportunity", "user_id": self.salesman.id}
        )
        interest.activity_schedule("mail.mail_activity_data_call", user_id=self.salesman.id)
        groups = self.env["res.users"].with_user(self.salesman)._get_activity_groups()
        names = [group["name"] for group in groups if group["model"] == "crm.lead"]
        self.assertEqual(names, ["Interests"])

    def test_activity_menu_names_leads_when_they_are_used(self):
        self.salesman.group_ids += self.env.ref("crm.group_use_lead")
        lead = self.env["crm.lead"].create(
            {"name": "Names lead", "type": "lead", "user_id": self.salesman.id}
        )
        lead.activity_schedule("mail.mail_activity_data_call", user_id=self.salesman.id)
        groups = self.env["res.users"].with_user(self.salesman)._get_activity_groups()
        names = [group["name"] for group in groups if group["model"] == "crm.lead"]
        self.assertEqual(names, ["Leads and Interests"])

    def test_reporting_names_each_report_once(self):
        names = self._report_menus("en_US")
        self.assertIn("Sales Funnel", names)
        self.assertIn("Interest Analysis", names)
        self.assertNotIn("Pipeline", names)
        self.assertEqual(len(names), len(set(names)), names)
        # the analysis it replaces is still there, under the product's name
        action = self.env.ref("crm_interest.crm_lead_action_interest_analysis")
        self.assertEqual(action.res_model, "crm.lead")
        self.assertEqual(
            [view.view_id for view in action.view_ids],
            [
                self.env.ref("crm.crm_opportunity_report_view_graph"),
                self.env.ref("crm.crm_opportunity_report_view_pivot"),
                self.env.ref("crm.crm_lead_view_tree_opportunity_reporting"),
            ],
        )

    def test_reporting_in_russian_has_one_funnel(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm", "crm_interest"], ["ru_RU"])
        names = self._report_menus("ru_RU")
        self.assertIn("Воронка продаж", names)
        self.assertNotIn("Воронка", names)
        self.assertEqual(len(names), len(set(names)), names)

    def test_the_interests_list_calls_its_first_column_an_interest(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm", "crm_interest"], ["ru_RU"])
        view = self.env.ref("crm.crm_case_tree_view_oppor")
        for lang, title in (("en_US", "Interest"), ("ru_RU", "Интерес")):
            arch = (
                self.env["crm.lead"]
                .with_user(self.salesman)
                .with_context(lang=lang)
                .get_views([(view.id, "list")])["views"]["list"]["arch"]
            )
            self.assertIn(f'name="name" string="{title}"', arch)
