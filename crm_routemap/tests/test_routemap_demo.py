from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRoutemapDemo(TransactionCase):
    def test_the_typical_sale_is_driven_by_its_map(self):
        routemap = self.env.ref("crm_routemap.routemap_typical_sale_demo", False)
        if not routemap:
            self.skipTest("no demo data")
        scenario = routemap.scenario_id
        active = routemap.search(
            [("origin_id", "=", routemap.origin_id.id), ("status", "=", "active")]
        )  # (crm_routemap_sale makes a version 2)
        self.assertEqual(len(active), 1)
        self.assertEqual(scenario.process_kind, "routemap")
        # the interest at the first state runs the map: its task is the salesman's activity
        azure = self.env.ref("crm_interest.crm_lead_desks_azure_demo")
        self.assertEqual(azure.process_kind, "routemap")
        process = azure.routemap_process_id
        self.assertEqual((process.routemap_id.origin_id, process.state), (routemap, "running"))
        task = azure.routemap_task_ids
        self.assertEqual(task.point_id.element_id, "Qualify")
        self.assertEqual(task.user_id, azure.user_id)
        self.assertEqual(task.activity_id.user_id, azure.user_id)
        # further on, the interests started by hand keep their kind
        gemini = self.env.ref("crm_interest.crm_lead_cabinets_gemini_demo")
        self.assertEqual(gemini.process_kind, "manual")
        self.assertFalse(gemini.routemap_process_ids)
        # a new interest of the scenario starts the map by itself
        lead = (
            self.env["crm.lead"]
            .with_user(self.env.ref("base.user_demo"))
            .create(
                {"name": "Shelves for Azure", "type": "opportunity", "scenario_id": scenario.id}
            )
        )
        self.assertEqual(lead.routemap_task_ids.point_id.element_id, "Qualify")

    def test_the_demo_maps_read_in_russian(self):
        routemap = self.env.ref("crm_routemap.routemap_typical_sale_demo", False)
        if not routemap:
            self.skipTest("no demo data")
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_routemap"], ["ru_RU"])
        russian = routemap.with_context(lang="ru_RU")
        self.assertEqual(russian.name, "Типовая продажа")
        offer = russian.point_ids.filtered(lambda p: p.element_id == "Offer")
        self.assertEqual(offer.name, "Отправить коммерческое предложение")
        self.assertEqual(
            offer.description,
            "Подготовить коммерческое предложение по первичному спросу и отправить его.",
        )
        self.assertEqual(routemap.point_ids.filtered(lambda p: p.element_id == "Offer").name,
                         "Send the commercial offer")  # fmt: skip
