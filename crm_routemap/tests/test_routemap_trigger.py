from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

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
        self.assertEqual(self.trigger.sudo().automation_id.action_server_ids.state, "code")
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

    def test_a_salesman_starts_a_supporting_map_from_the_interest(self):
        """The gear menu's "Start Route Map": only the scenario's active supporting maps are
        offered; the map starts with its task; who may not change the interest may not start."""
        lead = self.new_lead()
        action = self.env.ref("crm_routemap.crm_routemap_start_action_lead")
        self.assertEqual(action.binding_model_id.model, "crm.lead")
        wizard_form = Form(
            self.env["crm.routemap.start"]
            .with_user(self.salesman)
            .with_context(default_lead_id=lead.id)
        )
        self.assertEqual(wizard_form.routemap_ids[:], self.supporting)  # not the controlling one
        wizard_form.routemap_id = self.supporting
        wizard_form.save().action_start()
        process = self.supporting_processes(lead)
        self.assertEqual(process.state, "running")
        self.assertEqual(process.task_ids.user_id, self.lawyer)
        other = (
            self.env["crm.routemap.start"]
            .with_user(self.salesman2)
            .create({"lead_id": lead.id, "routemap_id": self.supporting.id})
        )
        with self.assertRaises(AccessError):
            other.action_start()
        self.assertEqual(len(self.supporting_processes(lead)), 1)
