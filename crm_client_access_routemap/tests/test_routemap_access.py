from datetime import timedelta

from odoo import fields
from odoo.addons.crm_client_access.tests.common import AccessCase
from odoo.addons.crm_routemap.pure import bpmn
from odoo.exceptions import AccessError
from odoo.tests import tagged


def _drawing():
    return bpmn.build(
        "Process_access",
        "Client call",
        [
            ("S", "start", "Start"),
            ("A", "action", "Call the client"),
            ("B", "action", "Send the offer"),
            ("E", "end", "Done"),
        ],
        [("a1", "S", "A"), ("a2", "A", "B"), ("a3", "B", "E")],
    )


@tagged("post_install", "-at_install")
class TestRoutemapAccess(AccessCase):
    """Route-map processes and tasks under the department tree (see AccessCase) and during
    an absence of Moscow-1's salesman, whose deputy is St Petersburg's salesman."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario = cls.env["crm.interest.scenario"].create(
            {"name": "Access sale", "process_kind": "manual"}
        )
        cls.routemap = cls.env["crm.routemap"].create(
            {
                "name": "Client call",
                "target": "interest",
                "scenario_id": cls.scenario.id,
                "interest_kind": "supporting",
                "xml": bpmn.to_xml(_drawing()),
            }
        )
        stage = cls.env["crm.stage"].create(
            {"name": "Звонок", "sequence": 3000, "scenario_id": cls.scenario.id}
        )
        cls.routemap.point_ids.filtered(lambda p: p.kind != "start").stage_id = stage
        cls.routemap.action_activate()
        Process = cls.env["crm.routemap.process"]
        cls.process = Process._routemap_start(cls.routemap, cls.leads[cls.s_msk1])
        # a second interest of the same salesman, its process started before any absence
        cls.lead2 = cls.env["crm.lead"].create(
            {"name": "Второй интерес", "type": "opportunity", "user_id": cls.s_msk1.id}
        )
        cls.process2 = Process._routemap_start(cls.routemap, cls.lead2)

    def open_task(self, process):
        return process.task_ids.filtered(lambda t: t.state == "open")

    def visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_the_head_sees_his_subordinates_processes_and_tasks(self):
        self.set_scope("department")
        task = self.open_task(self.process)
        self.assertEqual(task.user_id, self.s_msk1)
        for user, sees in (
            (self.s_msk1, True),
            (self.head_msk, True),  # Moscow-1 is below Moscow
            (self.director, True),  # the top of the tree
            (self.head_spb, False),
            (self.s_spb, False),
            (self.s_msk, False),
        ):
            self.assertEqual(
                bool(self.visible(user, "crm.routemap.process", self.process)), sees, user.name
            )
            self.assertEqual(bool(self.visible(user, "crm.routemap.task", task)), sees, user.name)
        with self.assertRaises(AccessError):
            task.with_user(self.s_spb).action_complete()
        # "own only": the head no longer sees them, the salesman still does
        self.set_scope("own")
        self.assertFalse(self.visible(self.head_msk, "crm.routemap.task", task))
        self.assertFalse(self.visible(self.head_msk, "crm.routemap.process", self.process))
        self.assertTrue(self.visible(self.s_msk1, "crm.routemap.task", task))
        # the sales administrator sees all
        self.assertTrue(self.visible(self.admin_sales, "crm.routemap.task", task))

    def test_the_deputy_completes_during_the_absence_and_not_after(self):
        self.set_scope("department")
        task, other = self.open_task(self.process), self.open_task(self.process2)
        absence = self.absence_of(self.s_msk1, self.s_spb, "sales")
        # the deputy sees both processes and tasks of the absent salesman, and completes one
        self.assertEqual(len(self.visible(self.s_spb, "crm.routemap.task", task | other)), 2)
        self.assertEqual(
            len(self.visible(self.s_spb, "crm.routemap.process", self.process | self.process2)),
            2,
        )
        task.with_user(self.s_spb).action_complete()
        self.assertEqual(task.state, "done")
        self.assertEqual(task.done_user_id, self.s_spb)  # under the deputy's name
        # the next task of the absent salesman's interest is the deputy's, and logged so
        new = self.open_task(self.process)
        self.assertEqual(new.point_id.name, "Send the offer")
        self.assertEqual(new.user_id, self.s_spb)
        self.assertEqual(new.activity_id.user_id, self.s_spb)
        log = self.env["crm.access.log"].search(
            [("kind", "=", "redirect"), ("res_model", "=", "crm.routemap.task"),
             ("user_id", "=", self.s_msk1.id)]
        )  # fmt: skip
        self.assertEqual(
            (log.res_id, log.user_id, log.target_user_id, log.work_kind),
            (new.id, self.s_msk1, self.s_spb, "sales"),
        )
        self.assertIn("goes to his deputy", self.process.message_ids[:1].body)
        # the absence ends: the other task is the salesman's alone again, what the deputy
        # did and took stays his
        absence.date_to = fields.Datetime.now() - timedelta(seconds=1)
        self.assertFalse(self.visible(self.s_spb, "crm.routemap.task", other))
        self.assertFalse(self.visible(self.s_spb, "crm.routemap.process", self.process2))
        with self.assertRaises(AccessError):
            other.with_user(self.s_spb).action_complete()
        self.assertEqual(task.done_user_id, self.s_spb)
        self.assertEqual(new.user_id, self.s_spb)
        self.assertTrue(self.visible(self.s_spb, "crm.routemap.task", new))
        # and the salesman, back, completes his own task
        other.with_user(self.s_msk1).action_complete()
        self.assertEqual(other.done_user_id, self.s_msk1)
        self.assertEqual(self.open_task(self.process2).user_id, self.s_msk1)

    def test_a_claims_deputy_does_not_take_route_map_tasks(self):
        self.set_scope("department")
        task = self.open_task(self.process)
        self.absence_of(self.s_msk1, self.s_spb, "claims")
        self.assertFalse(self.visible(self.s_spb, "crm.routemap.task", task))
        with self.assertRaises(AccessError):
            task.with_user(self.s_spb).action_complete()
        task.with_user(self.s_msk1).action_complete()  # he is absent, still may
        self.assertEqual(self.open_task(self.process).user_id, self.s_msk1)

    def test_the_hand_over_gives_the_tasks_with_their_activities(self):
        tasks = self.open_task(self.process) | self.open_task(self.process2)
        activities = tasks.activity_id
        self.assertEqual(len(activities), 2)
        wizard = (
            self.env["crm.access.handover"]
            .with_user(self.admin_sales)
            .create(
                {"from_user_id": self.s_msk1.id, "mode": "all", "target_user_id": self.s_spb.id}
            )
        )
        wizard.action_preview()
        # each task is one line: its activity does not change hands by itself
        self.assertFalse(wizard.line_ids.filtered(lambda line: line.res_model == "mail.activity"
                                                  and line.res_id in activities.ids))  # fmt: skip
        wizard.action_handover()
        self.assertEqual(tasks.user_id, self.s_spb)
        self.assertEqual(tasks.activity_id, activities)
        self.assertEqual(activities.user_id, self.s_spb)
        logs = self.env["crm.access.log"].search(
            [
                ("kind", "=", "handover"),
                ("res_model", "=", "crm.routemap.task"),
                ("user_id", "=", self.s_msk1.id),
            ]
        )
        self.assertEqual(set(logs.mapped("res_id")), set(tasks.ids))
        self.assertFalse(self.env["crm.access.handover"]._crm_handover_open_work(self.s_msk1))
        # the successor completes it as its performer
        self.open_task(self.process).with_user(self.s_spb).action_complete()
