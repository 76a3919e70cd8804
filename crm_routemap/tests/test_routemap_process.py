from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import RoutemapCase

ACTIVITY_TYPE = "crm_routemap.mail_activity_type_routemap_task"


@tagged("post_install", "-at_install")
class TestRoutemapProcess(RoutemapCase):
    def test_typical_sale_runs_to_won_through_every_point_kind(self):
        lead = self.new_lead(revenue=5000)
        process = lead.routemap_process_ids
        self.assertEqual(process.state, "running")
        self.assertEqual(lead.stage_id, self.st_qual, "the first action point sets its state")
        task = self.task(lead, "A")
        self.assertEqual(task.user_id, self.salesman, "the responsible performs by default")
        activity = task.activity_id
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual((activity.res_model, activity.res_id), ("crm.lead", lead.id))
        self.complete(lead, "A")
        self.assertFalse(activity.active, "the mirrored activity is done with the task")
        self.assertEqual(lead.stage_id, self.st_offer)
        with self.assertRaisesRegex(UserError, "asks for a result text"):
            self.complete(lead, "B")
        self.complete(lead, "B", result_text="Offer sent by email")
        with self.assertRaisesRegex(UserError, "Choose an answer"):
            self.complete(lead, "C")
        # "Yes", then the condition (5000 > 1000) is decided at once: the split
        self.complete(lead, "C", answer_id=self.arrow("F_yes").id)
        legal = self.task(lead, "L")
        self.assertEqual(legal.user_id, self.lawyer, "a fixed performer")
        self.task(lead, "F")
        self.assertEqual(lead.stage_id, self.st_approve, "only the state-changing branch moves it")
        self.complete(lead, "F")
        self.assertEqual(lead.stage_id, self.st_approve, "the silent branch leaves the state")
        self.complete(lead, "L")
        # the nested process runs with its own task; the parent waits for it
        child = self.task(lead, "ca")
        self.assertEqual(child.point_id.routemap_id, self.contract)
        self.assertIn("N", process.current_elements.split(","))
        Process = self.env["crm.routemap.process"]
        nested = process.current_point_ids.filtered(lambda p: p.element_id == "N")
        self.assertIn(process, Process.search([("current_point_ids", "in", nested.ids)]))
        self.assertIn(process, Process.search([("current_point_ids.element_id", "=", "N")]))
        self.assertNotIn(process, Process.search([("current_point_ids", "not in", nested.ids)]))
        self.assertNotIn(process, Process.search([("current_point_ids.element_id", "=", "W")]))
        self.complete(lead, "ca")
        self.assertEqual(lead.stage_id, self.st_order)
        self.complete(lead, "O")
        self.assertEqual(process.state, "done")
        self.assertEqual(process.end_point_id.element_id, "W")
        self.assertEqual(lead.stage_id, self.st_won)
        self.assertEqual(lead.probability, 100)

    def _messages(self, lead):
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking messages are written at commit
        return self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )

    def test_a_completion_that_moves_the_state_reads_as_one_message(self):
        self.env = self.env(context=dict(self.env.context, tracking_disable=False))
        lead = self.new_lead()
        before = self._messages(lead)
        # A (Qualification) done: the interest moves to Offer, one message says both
        self.complete(lead, "A")
        message = self._messages(lead) - before
        self.assertEqual(len(message), 1, "the task done and the state change share a message")
        self.assertIn("Route-map Task done: Qualification", html2plaintext(message.body))
        self.assertEqual(message.tracking_value_ids.field_id.name, "stage_id")
        self.assertEqual(message.tracking_value_ids.new_value_char, self.st_offer.name)
        # B (Offer) done: the state stays Offer, Odoo's own "activity done" message with the
        # result the salesman wrote
        before = self._messages(lead)
        self.complete(lead, "B", result_text="Offer sent by email")
        message = self._messages(lead) - before
        self.assertEqual(len(message), 1)
        self.assertEqual(message.mail_activity_type_id, self.env.ref(ACTIVITY_TYPE))
        self.assertIn("Offer sent by email", html2plaintext(message.body))
        self.assertFalse(message.tracking_value_ids)

    def test_small_deal_takes_the_default_arrow(self):
        lead = self.new_lead(revenue=10)
        self.complete(lead, "A")
        self.complete(lead, "B", result_text="ok")
        self.complete(lead, "C", answer_id=self.arrow("F_yes").id)
        self.task(lead, "O")
        self.assertEqual(lead.stage_id, self.st_order)

    def test_unsuccessful_end_loses_the_interest_with_the_points_reason(self):
        lead = self.new_lead()
        self.complete(lead, "A")
        self.complete(lead, "B", result_text="ok")
        self.complete(lead, "C", answer_id=self.arrow("F_no").id)
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.reason)
        self.assertEqual(lead.routemap_process_ids.state, "done")

    def test_nobody_moves_a_controlled_interest_by_hand_the_engine_does(self):
        lead = self.new_lead()
        for user in (self.salesman, self.manager):
            with self.assertRaisesRegex(UserError, "controlled by a route map"):
                lead.with_user(user).write({"stage_id": self.st_order.id})
        self.assertEqual(lead.stage_id, self.st_qual)
        self.complete(lead, "A")
        self.assertEqual(lead.stage_id, self.st_offer)

    def test_early_termination_loses_the_interest_in_the_termination_state(self):
        lead = self.new_lead()
        self.complete(lead, "A")
        process = lead.routemap_process_ids
        wizard = (
            self.env["crm.routemap.process.terminate"]
            .with_user(self.salesman)
            .create({"process_id": process.id, "lost_reason_id": self.reason.id})
        )
        wizard.action_terminate()
        self.assertEqual(process.state, "terminated")
        self.assertFalse(process.task_ids.filtered(lambda t: t.state == "open"))
        self.assertEqual(lead.stage_id, self.st_qual)
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.reason)

    def test_switching_to_manual_terminates_the_process_and_frees_the_interest(self):
        lead = self.new_lead()
        task = self.task(lead, "A")
        lead.with_user(self.manager).action_interest_switch_to_manual()
        self.assertEqual(lead.routemap_process_ids.state, "terminated")
        self.assertEqual(task.state, "cancelled")
        self.assertFalse(task.activity_id.exists())
        self.assertTrue(lead.active)
        lead.with_user(self.salesman).write({"stage_id": self.st_order.id})
        self.assertEqual(lead.stage_id, self.st_order)

    def test_a_process_finishes_on_the_version_it_started_with(self):
        old_lead = self.new_lead()
        action = self.routemap.with_user(self.manager).action_new_version()
        new_map = self.env["crm.routemap"].browse(action["res_id"])
        self.assertEqual((new_map.version, new_map.status), (2, "draft"))
        with self.assertRaisesRegex(UserError, "Make a new version"):
            self.routemap.point_ids[:1].write({"name": "Renamed"})
        qualification = new_map.point_ids.filtered(lambda p: p.element_id == "A")
        qualification.write({"name": "Qualify (v2)", "stage_id": self.st_offer.id})
        new_map.with_user(self.manager).action_activate()
        self.assertEqual(self.routemap.status, "archived")
        new_lead = self.new_lead()
        self.assertEqual(new_lead.routemap_process_ids.routemap_id, new_map)
        self.assertEqual(new_lead.stage_id, self.st_offer)
        self.assertEqual(self.task(new_lead, "A").name, "Qualify (v2)")
        # the old process goes on with v1
        self.complete(old_lead, "A")
        self.assertEqual(old_lead.routemap_process_ids.routemap_id, self.routemap)
        self.assertEqual(self.task(old_lead, "B").point_id.routemap_id, self.routemap)

    def test_a_task_is_completed_once(self):
        lead = self.new_lead()
        task = self.task(lead, "A")
        task.with_user(self.salesman).action_complete()
        with self.assertRaisesRegex(UserError, "already completed by Ivan Salesman"):
            task.with_user(self.manager).action_complete()

    def test_route_map_activities_are_completed_only_from_the_task(self):
        lead = self.new_lead()
        activity = self.task(lead, "A").activity_id
        with self.assertRaisesRegex(UserError, "complete it from the task"):
            activity.with_user(self.salesman).action_feedback("done")
        with self.assertRaisesRegex(UserError, "complete it from the task"):
            activity.with_user(self.salesman).unlink()

    def test_reassigning_moves_the_task_and_its_activity(self):
        lead = self.new_lead()
        task = self.task(lead, "A")
        task.with_user(self.salesman).action_reassign(self.salesman2.id)
        self.assertEqual(task.user_id, self.salesman2)
        self.assertEqual(task.activity_id.user_id, self.salesman2)
        with self.assertRaises(AccessError):
            task.with_user(self.salesman).action_complete()
        task.with_user(self.salesman2).action_complete()
        self.assertEqual(task.state, "done")


@tagged("post_install", "-at_install")
class TestRoutemapAccess(RoutemapCase):
    def test_salesman_sees_and_completes_his_own_tasks_the_manager_all(self):
        lead = self.new_lead()
        other_lead = self.new_lead(user=self.salesman2)
        Task = self.env["crm.routemap.task"]
        mine = Task.with_user(self.salesman).search([])
        self.assertEqual(mine, self.task(lead, "A"))
        self.assertEqual(
            Task.with_user(self.manager).search([("lead_id", "in", (lead | other_lead).ids)]),
            self.task(lead, "A") | self.task(other_lead, "A"),
        )
        with self.assertRaises(AccessError):
            self.task(other_lead, "A").with_user(self.salesman).action_complete()
        self.task(other_lead, "A").with_user(self.manager).action_complete()
        self.assertEqual(other_lead.stage_id, self.st_offer)
        with self.assertRaises(AccessError):
            self.env["crm.routemap.process"].with_user(self.salesman).browse(
                other_lead.routemap_process_ids.id
            ).read(["state"])

    def test_only_sales_administrators_change_maps(self):
        with self.assertRaises(AccessError):
            self.env["crm.routemap"].with_user(self.salesman).create(
                {"name": "Mine", "target": "independent"}
            )
        with self.assertRaisesRegex(UserError, "Only sales administrators"):
            self.routemap.with_user(self.salesman).action_new_version()


@tagged("post_install", "-at_install")
class TestRoutemapScenario(RoutemapCase):
    def test_route_map_control_needs_an_active_controlling_map(self):
        other = self.env["crm.interest.scenario"].create({"name": "Tender"})
        other.process_kind = "routemap"  # no map drawn for it yet: crm_interest's behaviour
        other.process_kind = "manual"
        draft = self.env["crm.routemap"].create(
            {"name": "Tender map", "target": "interest", "scenario_id": other.id}
        )
        with self.assertRaisesRegex(ValidationError, "no active controlling route map"):
            other.process_kind = "routemap"
        self.assertEqual(draft.status, "draft")

    def test_one_active_controlling_map_per_scenario(self):
        action = self.routemap.action_new_version()
        second = self.env["crm.routemap"].browse(action["res_id"]).copy({"name": "Rival"})
        self.configure(second)
        with self.assertRaisesRegex(ValidationError, "already has an active controlling"):
            second.action_activate()
