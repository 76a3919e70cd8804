from odoo.tests import HttpCase, new_test_user, tagged

from ..pure import bpmn


@tagged("post_install", "-at_install")
class TestRoutemapUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "rm_tour_salesman", groups="sales_team.group_sale_salesman", name="Tour Seller"
        )
        cls.scenario = cls.env["crm.interest.scenario"].create(
            {"name": "Tour route-map sale", "process_kind": "manual"}
        )
        Stage = cls.env["crm.stage"]
        cls.contact, cls.offer, cls.won = (
            Stage.create(
                {
                    "name": name,
                    "sequence": 4000 + i,
                    "scenario_id": cls.scenario.id,
                    "is_won": i == 2,
                }
            )
            for i, name in enumerate(("Tour contact", "Tour offer", "Tour won"))
        )
        drawing = bpmn.build(
            "Process_tour",
            "Tour sale",
            [
                ("S", "start", "Start"),
                ("A", "action", "Tour qualify"),
                ("C", "choice", "Tour: does the client agree?"),
                ("O", "action", "Tour create the customer order"),
                ("W", "end", "Sold"),
                ("X", "end", "Refused"),
            ],
            [
                ("a", "S", "A"),
                ("b", "A", "C"),
                ("yes", "C", "O", "Yes"),
                ("no", "C", "X", "No"),
                ("c", "O", "W"),
            ],
        )
        Routemap = cls.env["crm.routemap"]
        cls.routemap = Routemap.create(
            {
                "name": "Tour sale",
                "target": "interest",
                "interest_kind": "controlling",
                "scenario_id": cls.scenario.id,
                "xml": bpmn.to_xml(drawing),
            }
        )
        reason = cls.env["crm.lost.reason"].create({"name": "Tour: refused"})
        Routemap._routemap_configure(
            cls.routemap.id,
            {
                "A": {"stage_id": cls.contact.id, "ask_result_text": True},
                "C": {"stage_id": cls.offer.id},
                "O": {"stage_id": cls.offer.id},
                "W": {"stage_id": cls.won.id},
                "X": {
                    "stage_id": cls.offer.id,
                    "end_result": "unsuccessful",
                    "lost_reason_id": reason.id,
                },
            },
        )
        cls.routemap.action_activate()
        cls.scenario.process_kind = "routemap"

    def test_salesperson_completes_a_typical_sale_from_the_tasks(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Tour desks",
                    "type": "opportunity",
                    "scenario_id": self.scenario.id,
                    "user_id": self.salesman.id,
                }
            )
        )
        self.start_tour(
            "/odoo/action-crm_routemap.crm_routemap_task_action",
            "crm_routemap_sale_tour",
            login="rm_tour_salesman",
        )
        self.assertEqual(lead.stage_id, self.won)
        self.assertEqual(lead.routemap_process_ids.state, "done")
        self.assertEqual(
            lead.routemap_process_ids.task_ids.sorted("id").mapped("result_text")[0],
            "The client needs 20 desks",
        )

    def test_consultant_draws_and_activates_a_map_in_the_modeler(self):
        consultant = new_test_user(
            self.env,
            "rm_tour_consultant",
            groups="sales_team.group_sale_manager",
            name="Tour Consultant",
        )
        self.assertFalse(consultant.has_group("base.group_system"))  # a consultant, not the admin
        draft = self.env["crm.routemap"].create({"name": "Tour drawn map", "target": "independent"})
        self.assertEqual(draft.point_ids.mapped("kind"), ["start"])
        self.start_tour(
            f"/odoo/action-crm_routemap.crm_routemap_action/{draft.id}",
            "crm_routemap_modeler_tour",
            login="rm_tour_consultant",
        )
        self.assertEqual(draft.status, "active")
        self.assertEqual(sorted(draft.point_ids.mapped("kind")), ["action", "end", "start"])
        action = draft.point_ids.filtered(lambda p: p.kind == "action")
        self.assertEqual(
            sorted(draft.arrow_ids.mapped(lambda a: (a.source_id.kind, a.target_id.kind))),
            [("action", "end"), ("start", "action")],
        )
        self.assertIn(f'id="{action.element_id}"', draft.xml)
