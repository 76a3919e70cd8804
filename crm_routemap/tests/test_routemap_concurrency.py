from odoo.api import SUPERUSER_ID, Environment
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from ..pure import bpmn
from .common import contract_drawing


@tagged("post_install", "-at_install")
class TestRoutemapConcurrency(BaseCase):
    """Two users complete the same task at once, on two real database cursors: exactly one
    advance; the other is told clearly. The data is committed for the test, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self.env_for(cr)
            routemap = env["crm.routemap"].create(
                {
                    "name": "Concurrency test map",
                    "target": "independent",
                    "xml": bpmn.to_xml(contract_drawing()),
                }
            )
            routemap.action_activate()
            process = env["crm.routemap.process"]._routemap_start(routemap)
            self.routemap_id = routemap.id
            self.process_id = process.id
            self.task_id = process.task_ids.id
            cr.commit()
        self.addCleanup(self.cleanup)

    def env_for(self, cr):
        return Environment(cr, SUPERUSER_ID, {})

    def cleanup(self):
        with self.registry.cursor() as cr:
            env = self.env_for(cr)
            process = env["crm.routemap.process"].browse(self.process_id)
            process.task_ids.activity_id.with_context(routemap_engine=True).unlink()
            process.unlink()
            env["crm.routemap"].browse(self.routemap_id).unlink()
            cr.commit()

    def test_two_completions_at_once_make_one_advance(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            first = self.env_for(cr1)["crm.routemap.task"].browse(self.task_id)
            second = self.env_for(cr2)["crm.routemap.task"].browse(self.task_id)
            first.action_complete()  # holds the process row until cr1 ends
            with self.assertRaisesRegex(UserError, "Someone else is completing"):
                second.action_complete()
            cr2.rollback()
            cr1.commit()
            second.invalidate_recordset()
            second.process_id.invalidate_recordset()
            with self.assertRaisesRegex(UserError, "already completed"):
                second.action_complete()
            cr2.rollback()
        with self.registry.cursor() as cr:
            process = self.env_for(cr)["crm.routemap.process"].browse(self.process_id)
            self.assertEqual(process.state, "done")
            self.assertEqual(process.task_ids.mapped("state"), ["done"])
