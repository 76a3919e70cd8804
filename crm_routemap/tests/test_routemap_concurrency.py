import threading
import time
from unittest.mock import patch

from psycopg2 import errors as pg_errors

from odoo.api import SUPERUSER_ID, Environment
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from ..models import crm_routemap_process
from ..pure import bpmn


def parallel_drawing():
    """Two branches in parallel, then the end: two tasks of one process open at once."""
    return bpmn.build(
        "Process_parallel",
        "Parallel approval",
        [
            ("s", "start", "Start"),
            ("ps", "split", "Approve"),
            ("legal", "action", "Legal check"),
            ("finance", "action", "Finance check"),
            ("pj", "join", "Approved"),
            ("e", "end", "Done"),
        ],
        [
            ("f1", "s", "ps"),
            ("f2", "ps", "legal"),
            ("f3", "ps", "finance"),
            ("f4", "legal", "pj"),
            ("f5", "finance", "pj"),
            ("f6", "pj", "e"),
        ],
    )


@tagged("post_install", "-at_install")
class TestRoutemapConcurrency(BaseCase):
    """Completions at the same moment, on real database cursors in two threads, each run as
    Odoo runs a request (`retrying`): two different tasks of one process both succeed, one
    after the other; the same task twice gives one advance and a clear message to the second.
    The data is committed for the test, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self.env_for(cr)
            routemap = env["crm.routemap"].create(
                {
                    "name": "Concurrency test map",
                    "target": "independent",
                    "xml": bpmn.to_xml(parallel_drawing()),
                }
            )
            routemap.action_activate()
            process = env["crm.routemap.process"]._routemap_start(routemap)
            self.routemap_id = routemap.id
            self.process_id = process.id
            self.tasks = {t.point_id.element_id: t.id for t in process.task_ids}
            cr.commit()
        self.addCleanup(self.cleanup)

    def env_for(self, cr):
        # the registry at hand: Registry(name) waits for the lock the test runner holds
        if cr.transaction is None:
            cr.transaction = Transaction(self.registry)
        return Environment(cr, SUPERUSER_ID, {})

    def cleanup(self):
        with self.registry.cursor() as cr:
            env = self.env_for(cr)
            process = env["crm.routemap.process"].browse(self.process_id)
            process.task_ids.activity_id.with_context(routemap_engine=True).unlink()
            process.unlink()
            env["crm.routemap"].browse(self.routemap_id).unlink()
            cr.commit()

    def complete_in_thread(self, task_id):
        """Complete the task in another thread as an Odoo request does: on a serialization
        failure the same call again on fresh data (`odoo.service.model.retrying`, whose
        registry reset would wait here for the lock the test runner holds).
        Returns (thread, outcome)."""
        outcome = {}

        def run():
            with self.registry.cursor() as cr:
                env = self.env_for(cr)
                for _attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
                    try:
                        env["crm.routemap.task"].browse(task_id).action_complete()
                        cr.commit()
                        outcome["result"] = "done"
                        return
                    except UserError as error:
                        outcome["result"] = str(error)
                        return
                    except pg_errors.SerializationFailure:
                        cr.rollback()
                        env.transaction.clear()
                        outcome["retried"] = outcome.get("retried", 0) + 1

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def wait_until_blocked(self, cr):
        """Until another backend waits for a row lock (the second completion is waiting)."""
        for _i in range(200):
            cr.rollback()  # pg_stat_activity is read once per transaction
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cr.fetchone()[0]:
                return
            time.sleep(0.05)
        cr.execute(
            "SELECT pid, state, wait_event_type, wait_event, left(query, 80) FROM pg_stat_activity"
        )
        self.fail(f"the second completion never waited for the first one: {cr.fetchall()}")

    def process_state(self):
        with self.registry.cursor() as cr:
            process = self.env_for(cr)["crm.routemap.process"].browse(self.process_id)
            return process.state, sorted(process.task_ids.mapped("state"))

    def test_two_tasks_of_one_process_completed_at_once_both_succeed(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as watcher:
            self.env_for(cr1)["crm.routemap.task"].browse(self.tasks["legal"]).action_complete()
            thread, outcome = self.complete_in_thread(self.tasks["finance"])
            self.wait_until_blocked(watcher)
            cr1.commit()
        thread.join(30)
        self.assertEqual(outcome.get("result"), "done")
        self.assertEqual(outcome.get("retried"), 1, "it waited, then went on fresh data")
        self.assertEqual(self.process_state(), ("done", ["done", "done"]))

    def test_the_same_task_twice_makes_one_advance(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as watcher:
            self.env_for(cr1)["crm.routemap.task"].browse(self.tasks["legal"]).action_complete()
            thread, outcome = self.complete_in_thread(self.tasks["legal"])
            self.wait_until_blocked(watcher)
            cr1.commit()
        thread.join(30)
        self.assertIn("already completed", outcome.get("result", ""))
        self.assertEqual(outcome.get("retried"), 1)
        self.assertEqual(self.process_state(), ("running", ["done", "open"]))

    def test_a_lock_held_too_long_is_refused_in_words(self):
        """A completion that waits longer than the lock timeout (shortened here) is told in
        words that someone else is completing a task of the process; nothing of it stays."""
        with (
            patch.object(crm_routemap_process, "LOCK_TIMEOUT", "300ms"),
            self.registry.cursor() as cr1,
        ):
            self.env_for(cr1)["crm.routemap.task"].browse(self.tasks["legal"]).action_complete()
            thread, outcome = self.complete_in_thread(self.tasks["finance"])
            thread.join(30)
            cr1.rollback()
        self.assertIn("Someone else is completing a task of this process", outcome["result"])
        self.assertNotIn("retried", outcome)
        self.assertEqual(self.process_state(), ("running", ["open", "open"]))
