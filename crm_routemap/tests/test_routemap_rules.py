import base64
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..pure import bpmn
from .common import RoutemapCase, contract_drawing


@tagged("post_install", "-at_install")
class TestRoutemapRules(RoutemapCase):
    def test_activation_lists_every_problem_in_plain_words(self):
        drawing = bpmn.build(
            "P",
            "Broken",
            [
                ("S", "start", "Start"),
                ("A", "action", "Call"),
                ("Z", "action", "Forgotten"),
                ("K", "condition", "Big?"),
                ("E", "end", "Done"),
            ],
            [("a", "S", "A"), ("b", "A", "K"), ("c", "K", "E", "big"), ("d", "Z", "E")],
        )
        broken = self.make_map(drawing, "Broken", settings={"A": {}})
        broken.interest_kind = "supporting"
        with self.assertRaises(UserError) as refusal:
            broken.action_activate()
        message = str(refusal.exception)
        for text in (
            'Point "Forgotten" cannot be reached from the start.',
            'Choice "Big?" needs at least two answers (outgoing arrows).',
            'Point "Call" has no scenario state.',
            'Point "Done" has no scenario state.',
        ):
            self.assertIn(text, message)
        self.assertEqual(broken.status, "draft")
        self.assertIn("Forgotten", broken.problems)

    def test_a_nested_map_must_be_active_and_not_recursive(self):
        self.contract.write({"status": "archived"})
        action = self.routemap.action_new_version()
        draft = self.env["crm.routemap"].browse(action["res_id"])
        self.assertIn('The map of nested process "Contract" is not active.', draft.problems)
        self.contract.write({"status": "active"})
        draft.invalidate_recordset(["problems"])
        self.assertNotIn("Contract", draft.problems or "")

    def test_a_state_of_another_scenario_is_refused(self):
        other = self.env["crm.interest.scenario"].create({"name": "Tender"})
        foreign = self.env["crm.stage"].create({"name": "Bid", "scenario_id": other.id})
        action = self.routemap.action_new_version()
        draft = self.env["crm.routemap"].browse(action["res_id"])
        draft.point_ids.filtered(lambda p: p.element_id == "A").stage_id = foreign
        self.assertIn(
            'The state of point "Qualification" is not a state of the map\'s scenario.',
            draft.problems,
        )

    def test_import_of_unsupported_elements_is_refused_with_their_names(self):
        text = bpmn.to_xml(contract_drawing()).replace(
            "<bpmn:userTask", '<bpmn:scriptTask id="Calc" name="Compute"/><bpmn:userTask'
        )
        draft = self.make_map(contract_drawing(), "Draft", target="independent")
        wizard = self.env["crm.routemap.import"].create(
            {"routemap_id": draft.id, "bpmn_file": base64.b64encode(text.encode())}
        )
        with self.assertRaisesRegex(UserError, 'scriptTask "Compute"'):
            wizard.action_import()

    def test_a_file_with_the_engines_reserved_ids_is_imported_and_starts(self):
        """Hand-written files often call their events "Start" and "End": the engine names its
        own tasks so, and such a map never started. The import gives them free ids."""
        text = bpmn.to_xml(
            bpmn.build(
                "Process_call",
                "Courtesy call",
                [("Start", "start", "Won"), ("Call", "action", "Call"), ("End", "end", "Called")],
                [("c1", "Start", "Call"), ("c2", "Call", "End")],
            )
        )
        support = self.env["crm.routemap"].create(
            {
                "name": "Courtesy call",
                "target": "interest",
                "scenario_id": self.scenario.id,
                "interest_kind": "supporting",
            }
        )
        self.env["crm.routemap.import"].with_user(self.manager).create(
            {"routemap_id": support.id, "bpmn_file": base64.b64encode(text.encode())}
        ).action_import()
        self.assertEqual(
            sorted(support.point_ids.mapped("element_id")), ["Call", "End_1", "Start_1"]
        )
        self.assertIn('bpmnElement="Start_1"', support.xml)  # the diagram follows
        support.point_ids.filtered(lambda p: p.kind != "start").stage_id = self.st_qual
        support.with_user(self.manager).action_activate()
        lead = self.new_lead()
        lead.action_routemap_start(support.id)
        self.assertEqual(self.task(lead, "Call").point_id.name, "Call")

    def test_export_then_import_gives_the_same_map(self):
        exported = base64.b64decode(self.routemap.bpmn_file)
        self.assertIn(b'[("expected_revenue", "&gt;", 1000)]', exported)
        copy = self.env["crm.routemap"].create(
            {"name": "Imported", "target": "independent", "xml": bpmn.to_xml(contract_drawing())}
        )
        self.env["crm.routemap.import"].create(
            {"routemap_id": copy.id, "bpmn_file": base64.b64encode(exported)}
        ).action_import()
        self.assertEqual(
            sorted(copy.point_ids.mapped(lambda p: (p.element_id, p.kind, p.name))),
            sorted(self.routemap.point_ids.mapped(lambda p: (p.element_id, p.kind, p.name))),
        )
        self.assertEqual(
            sorted(
                copy.arrow_ids.mapped(lambda a: (a.element_id, a.condition or "", a.is_default))
            ),
            sorted(
                self.routemap.arrow_ids.mapped(
                    lambda a: (a.element_id, a.condition or "", a.is_default)
                )
            ),
        )

    def test_deadline_skips_the_weekend_and_the_holiday(self):
        company = self.env.company
        calendar = self.env["resource.calendar"].create(
            {"name": "Five days", "company_id": company.id, "tz": "UTC"}
        )
        company.resource_calendar_id = calendar
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 59),
            }
        )
        point = self.routemap.point_ids.filtered(lambda p: p.element_id == "A")
        # Friday 6 March 2026, 10:00; Sat and Sun are the weekend, Mon 9 a holiday:
        # one working day ends on Tuesday 10, two on Wednesday 11.
        with freeze_time("2026-03-06 10:00:00"):
            lead = self.new_lead()
            task = self.task(lead, "A")
        self.assertEqual(point.duration, 1)
        self.assertEqual(task.date_deadline, datetime(2026, 3, 10, 10, 0))
        self.assertEqual(task.activity_id.date_deadline, datetime(2026, 3, 10).date())
        point.routemap_id.status = "draft"  # direct, only to try other durations
        point.write({"duration": 2})
        self.assertEqual(
            point._routemap_deadline(datetime(2026, 3, 6, 10, 0), company),
            datetime(2026, 3, 11, 10, 0),
        )
        point.write({"duration": 10, "duration_unit": "hours"})
        # 6 h left on Friday (10-12, 13-17), then 4 h on Tuesday 10 (8-12)
        self.assertEqual(
            point._routemap_deadline(datetime(2026, 3, 6, 10, 0), company),
            datetime(2026, 3, 10, 12, 0),
        )
