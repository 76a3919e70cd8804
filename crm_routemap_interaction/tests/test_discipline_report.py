from datetime import timedelta

from odoo import fields
from odoo.addons.crm_routemap.tests.common import RoutemapCase
from odoo.tests import tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestRoutemapDiscipline(RoutemapCase):
    def report(self, tasks, user=None):
        self.env.flush_all()  # the report is an SQL view over the tasks: read it afresh
        self.env.invalidate_all()
        Report = self.env["crm.control.discipline.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("routemap_task_id", "in", tasks.ids)])

    def test_an_overdue_route_map_task_counts_for_its_performer(self):
        lead = self.new_lead()
        task = self.task(lead, "A")
        self.assertTrue(task.date_deadline)
        row = self.report(task)
        self.assertEqual(len(row), 1)
        self.assertEqual(row.discipline, "open")
        self.assertEqual(row.user_id, self.salesman)
        # the deadline has passed: the task is overdue in the report
        past = fields.Datetime.now() - timedelta(days=2)
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE crm_routemap_task SET date_deadline = %s WHERE id = %s", past, task.id)
        )
        row = self.report(task)
        self.assertEqual(row.discipline, "overdue")
        self.assertEqual(row.date_deadline, past.date())
        self.assertEqual(row.task_count, 1)
        # counted per performer beside the control tasks
        groups = self.env["crm.control.discipline.report"]._read_group(
            [("user_id", "=", self.salesman.id), ("discipline", "=", "overdue")],
            [],
            ["task_count:sum"],
        )
        self.assertGreaterEqual(groups[0][0], 1)
        # the performer sees his row, another salesman does not, the manager does
        self.assertEqual(self.report(task, self.salesman), row)
        self.assertFalse(self.report(task, self.salesman2))
        self.assertEqual(self.report(task, self.manager), row)
        # done after the deadline: late
        self.complete(lead, "A")
        self.assertEqual(self.report(task).discipline, "late")
        self.assertEqual((self.report(task).late_count, self.report(task).on_time_share), (1, 0.0))
        self.assertEqual(self.report(task).date_done, fields.Date.today())
        self.assertEqual(self.report(task).progress, 100)

    def test_done_on_time_and_cancelled_tasks(self):
        lead = self.new_lead()
        self.complete(lead, "A")
        done = lead.routemap_process_ids.task_ids.filtered(lambda t: t.state == "done")
        self.assertEqual(self.report(done).discipline, "on_time")
        offer = self.task(lead, "B")
        lead.routemap_process_ids._routemap_terminate(lost_reason=self.reason)
        self.assertEqual(offer.state, "cancelled")
        self.assertFalse(self.report(offer), "a cancelled task is left out")

    def test_ids_of_control_and_route_map_rows_never_collide(self):
        control = self.env["crm.control.task"].create(
            {
                "control": "contact",
                "check_email": True,
                "user_id": self.salesman.id,
                "date_deadline": fields.Date.today(),
            }
        )
        lead = self.new_lead()
        task = self.task(lead, "A")
        self.env.flush_all()
        Report = self.env["crm.control.discipline.report"]
        rows = Report.search([])
        self.assertEqual(len(rows.ids), len(set(rows.ids)))
        control_row = Report.search([("task_id", "=", control.id)])
        self.assertEqual(len(control_row), 1)
        self.assertFalse(control_row.routemap_task_id)
        self.assertEqual(self.report(task).task_id, self.env["crm.control.task"])
        self.assertNotEqual(control_row.id, self.report(task).id)
