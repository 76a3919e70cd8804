from odoo.addons.crm_routemap.pure import bpmn
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


def claim_drawing():
    return bpmn.build(
        "Process_claim_test",
        "Claim review",
        [
            ("S", "start", "Claim received"),
            ("R", "action", "Investigate"),
            ("J", "choice", "Is the claim justified?"),
            ("C", "action", "Compensate"),
            ("OK", "end", "Satisfied"),
            ("NO", "end", "Rejected"),
        ],
        [
            ("f1", "S", "R"),
            ("f2", "R", "J"),
            ("yes", "J", "C", "Yes"),
            ("no", "J", "NO", "No"),
            ("f3", "C", "OK"),
        ],
    )


@tagged("post_install", "-at_install")
class TestRoutemapClaim(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_user = new_test_user(
            cls.env, "rmc_user", groups="crm_claim.group_crm_claim_user", name="Olga Claims"
        )
        cls.claim_user2 = new_test_user(
            cls.env, "rmc_user2", groups="crm_claim.group_crm_claim_user", name="Oleg Claims"
        )
        cls.claim_manager = new_test_user(
            cls.env, "rmc_manager", groups="crm_claim.group_crm_claim_manager", name="Boss Claims"
        )
        cls.client = cls.env["res.partner"].create({"name": "Romashka LLC", "is_company": True})
        cls.routemap = cls.env["crm.routemap"].create(
            {"name": "Claim review", "target": "claim", "xml": bpmn.to_xml(claim_drawing())}
        )
        points = {p.element_id: p for p in cls.routemap.point_ids}
        points["R"].write({"duration": 2, "ask_result_text": True})
        points["C"].write({"performer_rule": "user", "performer_user_id": cls.claim_user2.id})
        points["NO"].write({"end_result": "unsuccessful"})
        cls.routemap.action_activate()

    def new_claim(self, **values):
        return (
            self.env["crm.claim"]
            .with_user(self.claim_user)
            .create(
                {
                    "partner_id": self.client.id,
                    "description": "Scratched desk",
                    "user_id": self.claim_user.id,
                    **values,
                }
            )
        )

    def start(self, claim):
        claim.with_user(self.claim_user).action_routemap_start(self.routemap.id)
        claim.invalidate_recordset()
        return claim.routemap_process_id

    def open_task(self, claim, element):
        task = claim.sudo().routemap_process_ids.task_ids.filtered(
            lambda t: t.point_id.element_id == element and t.state == "open"
        )
        self.assertEqual(len(task), 1, f"one open task at {element}")
        return task

    def test_a_justified_claim_runs_to_satisfied_through_the_claims_own_path(self):
        claim = self.new_claim()
        process = self.start(claim)
        self.assertEqual(process.claim_id, claim)
        self.assertEqual(process.user_id, self.claim_user)
        task = self.open_task(claim, "R")
        # the claim's responsible performs it; it sits in his activities on the claim
        self.assertEqual(task.user_id, self.claim_user)
        self.assertTrue(task.date_deadline)
        self.assertEqual(task.activity_id.res_model, "crm.claim")
        self.assertEqual(task.activity_id.res_id, claim.id)
        self.assertEqual(task.activity_id.user_id, self.claim_user)
        # the claim form shows the task and the map with the current point
        self.assertEqual(claim.with_user(self.claim_user).routemap_task_ids, task)
        self.assertEqual(claim.with_user(self.claim_user).routemap_current, "R")
        self.assertIn("Investigate", claim.routemap_diagram)
        with self.assertRaisesRegex(UserError, "asks for a result text"):
            task.with_user(self.claim_user).action_complete()
        task.with_user(self.claim_user).action_complete(result_text="The desk came scratched")
        choice = self.open_task(claim, "J")
        yes = self.routemap.arrow_ids.filtered(lambda a: a.element_id == "yes")
        choice.with_user(self.claim_user).action_complete(answer_id=yes.id)
        compensate = self.open_task(claim, "C")
        self.assertEqual(compensate.user_id, self.claim_user2, "the point's fixed performer")
        # the review results stay mandatory: the end refuses to close the claim without them
        with self.assertRaisesRegex(ValidationError, "review results"):
            with self.env.cr.savepoint():
                compensate.with_user(self.claim_user2).action_complete()
        self.assertEqual(claim.state, "processing")
        claim.with_user(self.claim_user).resolution = "A new desk is sent"
        compensate.with_user(self.claim_user2).action_complete()
        self.assertEqual(claim.state, "satisfied")
        self.assertEqual(process.state, "done")
        self.assertFalse(claim.routemap_task_ids)

    def test_an_unsuccessful_end_closes_the_claim_not_satisfied(self):
        claim = self.new_claim(resolution="The scratch came from the client's own move")
        self.start(claim)
        self.open_task(claim, "R").with_user(self.claim_user).action_complete(result_text="Seen")
        no = self.routemap.arrow_ids.filtered(lambda a: a.element_id == "no")
        self.open_task(claim, "J").with_user(self.claim_user).action_complete(answer_id=no.id)
        self.assertEqual(claim.state, "not_satisfied")
        self.assertEqual(claim.routemap_process_id.state, "done")

    def test_a_map_that_starts_with_every_claim(self):
        self.assertFalse(self.new_claim().routemap_process_ids, "no map starts by itself")
        self.routemap.action_archive_map()
        auto = self.routemap.copy({"name": "Claim review (auto)", "claim_autostart": True})
        auto.action_activate()
        claim = self.new_claim()
        self.assertEqual(claim.sudo().routemap_process_ids.routemap_id, auto)
        self.assertEqual(self.open_task(claim, "R").user_id, self.claim_user)
        second = self.routemap.copy({"name": "Another auto", "claim_autostart": True})
        with self.assertRaisesRegex(ValidationError, "already starts with every claim"):
            second.action_activate()

    def test_only_maps_driving_claims_start_on_a_claim(self):
        claim = self.new_claim()
        independent = self.env["crm.routemap"].create(
            {"name": "Other", "target": "independent", "xml": bpmn.to_xml(claim_drawing())}
        )
        with self.assertRaisesRegex(UserError, "drives claims"):
            claim.with_user(self.claim_user).action_routemap_start(independent.id)
        claim.resolution = "Done"
        claim.action_set_satisfied()
        with self.assertRaisesRegex(UserError, "reopen it first"):
            claim.with_user(self.claim_user).action_routemap_start(self.routemap.id)

    def test_the_claim_user_starts_a_map_from_the_claim_form(self):
        """The claim's "Start Route Map" button offers the active maps that drive claims."""
        claim = self.new_claim()
        view = self.env["crm.claim"].with_user(self.claim_user).get_views([(False, "form")])
        self.assertIn("Start Route Map", view["views"]["form"]["arch"])
        independent = self.env["crm.routemap"].create(
            {"name": "Other", "target": "independent", "xml": bpmn.to_xml(claim_drawing())}
        )
        independent.action_activate()
        wizard_form = Form(
            self.env["crm.routemap.start"]
            .with_user(self.claim_user)
            .with_context(default_claim_id=claim.id)
        )
        offered = wizard_form.routemap_ids[:]
        self.assertIn(self.routemap, offered)  # (with demo data, the demo claim map too)
        self.assertNotIn(independent, offered)
        self.assertEqual(offered.mapped("target"), ["claim"] * len(offered))
        wizard_form.routemap_id = self.routemap
        wizard_form.save().action_start()
        claim.invalidate_recordset()
        self.assertEqual(claim.sudo().routemap_process_id.routemap_id, self.routemap)
        self.assertEqual(self.open_task(claim, "R").user_id, self.claim_user)

    def test_a_claim_user_sees_and_completes_his_own_tasks_the_manager_all(self):
        claim = self.new_claim()
        self.start(claim)
        task = self.open_task(claim, "R")
        Task = self.env["crm.routemap.task"]
        self.assertEqual(
            Task.with_user(self.claim_user).search([("claim_id", "=", claim.id)]), task
        )
        self.assertFalse(Task.with_user(self.claim_user2).search([("claim_id", "=", claim.id)]))
        with self.assertRaises(AccessError):
            task.with_user(self.claim_user2).action_complete(result_text="Not mine")
        self.assertEqual(
            Task.with_user(self.claim_manager).search([("claim_id", "=", claim.id)]), task
        )
        task.with_user(self.claim_manager).action_reassign(self.claim_user2.id)
        self.assertEqual(task.user_id, self.claim_user2)
        self.assertEqual(task.activity_id.user_id, self.claim_user2)
        task.with_user(self.claim_manager).action_complete(result_text="Checked by the boss")
        self.assertEqual(task.state, "done")
        self.assertEqual(task.done_user_id, self.claim_manager)


@tagged("post_install", "-at_install")
class TestRoutemapClaimDemo(TransactionCase):
    def test_the_demo_claim_processing_map_drives_claims(self):
        routemap = self.env.ref("crm_routemap.routemap_claim_processing_demo", False)
        if not routemap or not self.env.ref("crm_claim.crm_claim_1_demo", False):
            self.skipTest("no demo data")
        self.assertEqual(routemap.target, "claim")
        self.assertEqual(routemap.status, "active")
        claim = self.env.ref("crm_claim.crm_claim_1_demo")
        if claim.state == "processing":
            self.assertEqual(claim.routemap_process_id.routemap_id, routemap)
            self.assertTrue(claim.routemap_task_ids)
