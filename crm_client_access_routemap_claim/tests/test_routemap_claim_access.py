from datetime import timedelta

from odoo import fields
from odoo.addons.crm_client_access.tests.common import AccessCase
from odoo.addons.crm_client_access_routemap.tests.test_routemap_access import _drawing
from odoo.addons.crm_routemap.pure import bpmn
from odoo.addons.crm_routemap_claim.tests.test_routemap_claim import claim_drawing
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoutemapClaimAccess(AccessCase):
    """Moscow-1's salesman (see AccessCase) runs a claim's route map and an interest's; while
    he is absent his deputy for claims takes the claim's tasks, his deputy for sales the
    interest's, and neither the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Routemap, Process = cls.env["crm.routemap"], cls.env["crm.routemap.process"]
        # a claims user who is no salesman stands in for claims
        cls.claims_deputy = new_test_user(
            cls.env,
            "ca_claims_deputy",
            groups="crm_claim.group_crm_claim_user",
            name="Заместитель по претензиям",
            context={"no_reset_password": True},
        )
        claim_map = Routemap.create(
            {"name": "Claim review", "target": "claim", "xml": bpmn.to_xml(claim_drawing())}
        )
        claim_map.action_activate()
        cls.claim = cls.env["crm.claim"].create(
            {
                "subject": "Претензия Москва-1",
                "partner_id": cls.clients[cls.s_msk1].id,
                "user_id": cls.s_msk1.id,
            }
        )
        cls.claim_process = Process._routemap_start_claim(claim_map, cls.claim)
        scenario = cls.env["crm.interest.scenario"].create(
            {"name": "Access sale", "process_kind": "manual"}
        )
        lead_map = Routemap.create(
            {
                "name": "Client call",
                "target": "interest",
                "scenario_id": scenario.id,
                "interest_kind": "supporting",
                "xml": bpmn.to_xml(_drawing()),
            }
        )
        stage = cls.env["crm.stage"].create(
            {"name": "Звонок", "sequence": 3000, "scenario_id": scenario.id}
        )
        lead_map.point_ids.filtered(lambda p: p.kind != "start").stage_id = stage
        lead_map.action_activate()
        cls.lead_process = Process._routemap_start(lead_map, cls.leads[cls.s_msk1])

    def open_task(self, process):
        return process.task_ids.filtered(lambda t: t.state == "open")

    def visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_the_claims_deputy_completes_the_claim_tasks_and_not_the_interests(self):
        self.set_scope("department")
        claim_task, lead_task = (
            self.open_task(self.claim_process),
            self.open_task(self.lead_process),
        )
        self.assertEqual(
            (claim_task.user_id, claim_task.point_id.name), (self.s_msk1, "Investigate")
        )
        deputy = self.claims_deputy
        # before the absence he sees neither
        self.assertFalse(self.visible(deputy, "crm.routemap.task", claim_task))
        with self.assertRaises(AccessError):
            claim_task.with_user(deputy).action_complete(result_text="Проверено")
        absence = self.absence_of(self.s_msk1, deputy, "claims")
        self.assertEqual(
            self.visible(deputy, "crm.routemap.task", claim_task | lead_task), claim_task
        )
        self.assertEqual(
            self.visible(deputy, "crm.routemap.process", self.claim_process | self.lead_process),
            self.claim_process,
        )
        self.assertIn(claim_task, self.claim.with_user(deputy).routemap_task_ids)
        # he completes the claim's task: under his name, the process moves on
        claim_task.with_user(deputy).action_complete(result_text="Проверено")
        self.assertEqual((claim_task.state, claim_task.done_user_id), ("done", deputy))
        new = self.open_task(self.claim_process)
        self.assertEqual(new.point_id.name, "Is the claim justified?")
        # the next task of the absent salesman's claim is the deputy's, logged as a claim's
        self.assertEqual(new.user_id, deputy)
        self.assertEqual(new.activity_id.user_id, deputy)
        log = self.env["crm.access.log"].search(
            [("kind", "=", "redirect"), ("res_model", "=", "crm.routemap.task"),
             ("user_id", "=", self.s_msk1.id), ("res_id", "=", new.id)]
        )  # fmt: skip
        self.assertEqual((log.target_user_id, log.work_kind), (deputy, "claims"))
        # the interest's task is not his
        with self.assertRaises(AccessError):
            lead_task.with_user(deputy).action_complete()
        self.assertEqual(lead_task.state, "open")
        # the absence is over: what he took stays his, the salesman's tasks are his alone
        absence.date_to = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.visible(deputy, "crm.routemap.task", claim_task | new), new)
        self.assertFalse(self.visible(deputy, "crm.routemap.task", lead_task))

    def test_a_sales_deputy_takes_the_interest_tasks_and_not_the_claims(self):
        self.set_scope("department")
        claim_task, lead_task = (
            self.open_task(self.claim_process),
            self.open_task(self.lead_process),
        )
        self.absence_of(self.s_msk1, self.s_spb, "sales")
        self.assertEqual(
            self.visible(self.s_spb, "crm.routemap.task", claim_task | lead_task), lead_task
        )
        self.assertEqual(
            self.visible(
                self.s_spb, "crm.routemap.process", self.claim_process | self.lead_process
            ),
            self.lead_process,
        )
        with self.assertRaises(AccessError):
            claim_task.with_user(self.s_spb).action_complete(result_text="Проверено")
        self.assertEqual(claim_task.state, "open")
        lead_task.with_user(self.s_spb).action_complete()
        self.assertEqual((lead_task.state, lead_task.done_user_id), ("done", self.s_spb))
        self.assertEqual(self.open_task(self.lead_process).point_id.name, "Send the offer")
        # the head of Moscow still sees and runs his subordinate's claim task, by the claims view
        self.assertTrue(self.visible(self.head_msk, "crm.routemap.task", claim_task))
        self.assertFalse(self.visible(self.head_spb, "crm.routemap.task", claim_task))
