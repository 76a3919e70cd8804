from odoo.addons.crm_routemap.pure import bpmn
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoutemapClaimUi(HttpCase):
    def test_the_claims_user_runs_a_map_from_the_claim_form(self):
        user = new_test_user(
            self.env,
            "rmc_tour_user",
            groups="crm_claim.group_crm_claim_user",
            name="Tour Claims",
        )
        drawing = bpmn.build(
            "Process_claim_tour",
            "Tour claim review",
            [
                ("S", "start", "Received"),
                ("I", "action", "Tour: investigate"),
                ("C", "action", "Tour: compensate"),
                ("E", "end", "Closed"),
            ],
            [("f1", "S", "I"), ("f2", "I", "C"), ("f3", "C", "E")],
        )
        routemap = self.env["crm.routemap"].create(
            {"name": "Tour claim review", "target": "claim", "xml": bpmn.to_xml(drawing)}
        )
        routemap.point_ids.filtered(lambda p: p.element_id == "I").ask_result_text = True
        routemap.action_activate()
        client = self.env["res.partner"].create({"name": "Tour Romashka", "is_company": True})
        claim = (
            self.env["crm.claim"]
            .with_user(user)
            .create(
                {"partner_id": client.id, "description": "Tour scratched desk", "user_id": user.id}
            )
        )
        self.start_tour(
            f"/odoo/action-crm_claim.crm_claim_action/{claim.id}",
            "crm_routemap_claim_tour",
            login="rmc_tour_user",
        )
        tasks = claim.sudo().routemap_process_ids.task_ids.sorted("id")
        self.assertEqual(tasks.mapped("name"), ["Tour: investigate", "Tour: compensate"])
        self.assertEqual(tasks[0].result_text, "The desk was scratched in transport")
        self.assertEqual(tasks.mapped("state"), ["done", "open"])
