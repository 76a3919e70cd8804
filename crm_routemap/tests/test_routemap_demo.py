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

    def test_a_refusal_loses_the_interest_in_the_state_it_reached(self):
        """The demo map's unsuccessful end point "Refused" (Отказ) loses the interest in the
        state the client refused in (the commercial offer), not in "Negotiation", which it
        never reached (issue 22); terminated early, it is lost where it stands."""
        routemap = self.env.ref("crm_routemap.routemap_typical_sale_demo", False)
        if not routemap:
            self.skipTest("no demo data")
        offer = self.env.ref("crm_interest.stage_typical_offer_demo")
        versions = routemap.search([("origin_id", "=", routemap.origin_id.id)])
        for version in versions:
            refused = version.point_ids.filtered(lambda p: p.end_result == "unsuccessful")
            self.assertEqual(refused.stage_id, offer, version.display_name)
            self.assertFalse(version.termination_stage_id, version.display_name)
        azure = self.env.ref("crm_interest.crm_lead_desks_azure_demo")
        for element in ("Qualify", "Needs", "Offer", "Agree"):
            task = azure.routemap_task_ids.filtered(
                lambda t, element=element: t.state == "open" and t.point_id.element_id == element
            )
            self.assertEqual(len(task), 1, element)
            kwargs = {"result_text": "Sent by email"} if element == "Offer" else {}
            if element == "Agree":  # the client does not agree
                no = task.point_id.outgoing_ids.filtered(lambda a: a.element_id == "Agree_no")
                kwargs = {"answer_id": no.id}
            task.with_user(azure.user_id).action_complete(**kwargs)
        self.assertEqual(azure.with_context(active_test=False).won_status, "lost")
        self.assertEqual(azure.stage_id, offer)
        self.assertEqual(azure.furthest_stage_id, offer)
