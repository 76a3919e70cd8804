from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..pure import bpmn
from .common import RoutemapCase, contract_drawing


@tagged("post_install", "-at_install")
class TestRoutemapTrigger(RoutemapCase):
    """A scenario trigger "start a supporting route map" (Odoo's automation rule runs it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drawing = bpmn.build(
            "Process_approval",
            "Discount approval",
            [
                ("as", "start", "Start"),
                ("aa", "action", "Approve the discount"),
                ("ae", "end", "Approved"),
            ],
            [("x1", "as", "aa"), ("x2", "aa", "ae")],
        )
        cls.supporting = cls.env["crm.routemap"].create(
            {
                "name": "Discount approval",
                "target": "interest",
                "scenario_id": cls.scenario.id,
                "interest_kind": "supporting",
                "xml": bpmn.to_xml(drawing),
            }
        )
        for point in cls.supporting.point_ids.filtered(lambda p: p.kind != "start"):
            point.stage_id = cls.st_offer
        cls.supporting.point_ids.filtered(lambda p: p.element_id == "aa").write(
            {"performer_rule": "user", "performer_user_id": cls.lawyer.id}
        )
        cls.supporting.action_activate()
        cls.trigger = (
            cls.env["crm.interest.trigger"]
            .with_user(cls.manager)
            .create(
                {
                    "scenario_id": cls.scenario.id,
                    "event": "enter",
                    "stage_id": cls.st_offer.id,
                    "action": "routemap",
                    "routemap_id": cls.supporting.id,
                }
            )
        )

    def supporting_processes(self, lead):
        return lead.routemap_process_ids.filtered(lambda p: p.routemap_id == self.supporting)

    def test_entering_the_state_starts_the_supporting_map(self):
        self.assertIn("Discount approval", self.trigger.description)
        self.assertEqual(self.trigger.automation_id.action_server_ids.state, "code")
        lead = self.new_lead()
        self.assertFalse(self.supporting_processes(lead), "not before the state is entered")
        # the controlling map moves the interest to "Offer": Odoo's rule starts the map
        self.complete(lead, "A")
        self.assertEqual(lead.stage_id, self.st_offer)
        process = self.supporting_processes(lead)
        self.assertEqual(len(process), 1)
        self.assertEqual(process.state, "running")
        self.assertFalse(process.is_controlling, "a supporting map does not move the state")
        task = process.task_ids
        self.assertEqual(task.user_id, self.lawyer)
        self.assertEqual(task.activity_id.user_id, self.lawyer)
        # the trigger run again (e.g. applied to the interests already there): no second one
        self.trigger.with_user(self.manager).action_apply_to_current()
        self.assertEqual(len(self.supporting_processes(lead)), 1)
        task.with_user(self.lawyer).action_complete()
        self.assertEqual(process.state, "done")
        self.assertEqual(lead.stage_id, self.st_offer, "the supporting map left the state")

    def test_the_trigger_needs_a_supporting_map_of_its_scenario(self):
        Trigger = self.env["crm.interest.trigger"].with_user(self.manager)
        values = {
            "scenario_id": self.scenario.id,
            "event": "won",
            "action": "routemap",
        }
        with self.assertRaisesRegex(ValidationError, "supporting route map of its scenario"):
            Trigger.create(values)
        with self.assertRaisesRegex(ValidationError, "supporting route map of its scenario"):
            Trigger.create({**values, "routemap_id": self.routemap.id})  # controlling
        independent = self.make_map(contract_drawing(), "Other", target="independent")
        with self.assertRaisesRegex(ValidationError, "supporting route map of its scenario"):
            Trigger.create({**values, "routemap_id": independent.id})
