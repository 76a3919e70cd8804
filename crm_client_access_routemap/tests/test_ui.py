from datetime import timedelta

from odoo import fields
from odoo.addons.crm_client_access.tests.common import AccessCase
from odoo.addons.crm_routemap.pure import bpmn
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDeputyTour(AccessCase, HttpCase):
    def test_the_deputy_completes_the_absent_users_task(self):
        scenario = self.env["crm.interest.scenario"].create(
            {"name": "Tour access sale", "process_kind": "manual"}
        )
        drawing = bpmn.build(
            "Process_tour_access",
            "Tour client call",
            [("S", "start", "Start"), ("A", "action", "Позвонить клиенту"),
             ("B", "action", "Отправить предложение"), ("E", "end", "Done")],
            [("a1", "S", "A"), ("a2", "A", "B"), ("a3", "B", "E")],
        )  # fmt: skip
        routemap = self.env["crm.routemap"].create(
            {"name": "Tour client call", "target": "interest", "scenario_id": scenario.id,
             "interest_kind": "supporting", "xml": bpmn.to_xml(drawing)}
        )  # fmt: skip
        stage = self.env["crm.stage"].create(
            {"name": "Tour call", "sequence": 3100, "scenario_id": scenario.id}
        )
        routemap.point_ids.filtered(lambda p: p.kind != "start").stage_id = stage
        routemap.action_activate()
        lead = self.leads[self.s_msk1]
        process = self.env["crm.routemap.process"]._routemap_start(routemap, lead)
        first = process.task_ids.filtered(lambda t: t.state == "open")
        self.assertEqual(first.user_id, self.s_msk1)
        now = fields.Datetime.now()
        absence = self.env["crm.access.absence"].create(
            {"user_id": self.s_msk1.id, "date_from": now - timedelta(hours=1),
             "date_to": now + timedelta(days=3),
             "line_ids": [(0, 0, {"kind": "all", "deputy_id": self.s_spb.id})]}
        )  # fmt: skip
        absence.action_confirm()
        self.start_tour(
            "/odoo/action-crm_routemap.crm_routemap_task_action",
            "crm_client_access_deputy_tour",
            login=self.s_spb.login,
        )
        self.assertEqual(first.state, "done")
        self.assertEqual(first.write_uid, self.s_spb)
        following = process.task_ids.filtered(lambda t: t.state == "open")
        self.assertEqual(following.user_id, self.s_spb)
