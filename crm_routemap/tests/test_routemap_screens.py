"""The consultant's and the salesman's screens (issue 20): the diagram fills its tab and is
fitted, its labels are the points' names in the reader's language, a map-driven interest
offers no Won/Lost and says which task comes next when the user tries to move it."""

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_open

from ..pure import bpmn

RU_QUALIFY = "Тур: квалифицировать"
RU_AGREE = "Тур: клиент согласен?"


def demo_sale_xml():
    """The drawing of the demo's "Typical sale" map (read from the demo file: the test does
    not need the demo data installed)."""
    with file_open("crm_routemap/demo/crm_routemap_demo.xml", "rb") as demo:
        tree = etree.parse(demo)
    return tree.xpath("//record[@id='routemap_typical_sale_demo']/field[@name='xml']")[0].text


def setup_driven_sale(cls):
    """A scenario driven by a small sale map whose points have Russian names, and a
    salesman who reads Russian."""
    cls.env["res.lang"]._activate_lang("ru_RU")
    cls.salesman = new_test_user(
        cls.env,
        "rm_screen_salesman",
        groups="sales_team.group_sale_salesman",
        name="Tour Seller",
        lang="ru_RU",
    )
    cls.scenario = cls.env["crm.interest.scenario"].create(
        {"name": "Screen sale", "process_kind": "manual"}
    )
    cls.contact, cls.offer, cls.won = (
        cls.env["crm.stage"].create(
            {"name": name, "sequence": 5000 + i, "scenario_id": cls.scenario.id, "is_won": i == 2}
        )
        for i, name in enumerate(("Tour contact", "Tour offer", "Tour won"))
    )
    drawing = bpmn.build(
        "Process_screen",
        "Screen sale",
        [
            ("S", "start", "Start"),
            ("A", "action", "Tour qualify"),
            ("C", "choice", "Tour: does the client agree?"),
            ("W", "end", "Sold"),
            ("X", "end", "Refused"),
        ],
        [("a", "S", "A"), ("b", "A", "C"), ("yes", "C", "W", "Yes"), ("no", "C", "X", "No")],
    )
    Routemap = cls.env["crm.routemap"]
    cls.routemap = Routemap.create(
        {
            "name": "Screen sale",
            "target": "interest",
            "interest_kind": "controlling",
            "scenario_id": cls.scenario.id,
            "allow_termination": True,
            "termination_stage_id": cls.offer.id,
            "xml": bpmn.to_xml(drawing),
        }
    )
    reason = cls.env["crm.lost.reason"].create({"name": "Screen: refused"})
    Routemap._routemap_configure(
        cls.routemap.id,
        {
            "A": {"stage_id": cls.contact.id},
            "C": {"stage_id": cls.offer.id},
            "W": {"stage_id": cls.won.id},
            "X": {
                "stage_id": cls.offer.id,
                "end_result": "unsuccessful",
                "lost_reason_id": reason.id,
            },
        },
    )
    points = {point.element_id: point for point in cls.routemap.point_ids}
    points["A"].update_field_translations("name", {"ru_RU": RU_QUALIFY})
    points["C"].update_field_translations("name", {"ru_RU": RU_AGREE})
    answers = {arrow.element_id: arrow for arrow in cls.routemap.arrow_ids}
    answers["yes"].update_field_translations("name", {"ru_RU": "Да"})
    cls.routemap.action_activate()
    cls.scenario.process_kind = "routemap"
    cls.lead = (
        cls.env["crm.lead"]
        .with_user(cls.salesman)
        .create(
            {
                "name": "Screen desks",
                "type": "opportunity",
                "scenario_id": cls.scenario.id,
                "user_id": cls.salesman.id,
            }
        )
    )


@tagged("post_install", "-at_install")
class TestRoutemapScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_driven_sale(cls)

    def test_the_interest_is_driven_by_its_map(self):
        self.assertEqual(self.lead.process_kind, "routemap")
        self.assertEqual(self.lead.routemap_task_ids.point_id.element_id, "A")

    def test_won_by_hand_says_the_map_drives_the_interest_and_which_task_is_next(self):
        lead = self.lead.with_user(self.salesman).with_context(lang="ru_RU")  # as his screen
        with self.assertRaises(UserError) as refused:
            lead.action_set_won_rainbowman()
        message = str(refused.exception)
        self.assertIn("Screen sale", message)
        self.assertIn(RU_QUALIFY, message)
        self.assertIn("Tour Seller", message)
        self.assertEqual(self.lead.stage_id, self.contact)
        self.assertEqual(self.lead.won_status, "pending")

    def test_a_state_move_by_hand_names_the_next_task(self):
        with self.assertRaises(UserError) as refused:
            self.lead.with_user(self.salesman).with_context(lang="ru_RU").write(
                {"stage_id": self.offer.id}
            )
        self.assertIn(RU_QUALIFY, str(refused.exception))
        self.assertEqual(self.lead.stage_id, self.contact)

    def test_the_statusbar_knows_why_it_is_locked(self):
        lead = self.lead.with_user(self.salesman).with_context(lang="ru_RU")
        self.assertIn(RU_QUALIFY, lead.routemap_lock_message)
        self.assertIn("Tour Seller", lead.routemap_lock_message)
        self.assertIn(RU_QUALIFY, lead.routemap_next_task)
        self.assertEqual(
            lead.with_context(lang="en_US").routemap_next_task, '"Tour qualify" (Tour Seller)'
        )
        # after the task, the next one is named
        self.lead.routemap_task_ids.with_user(self.salesman).action_complete()
        lead.invalidate_recordset()
        self.assertIn(RU_AGREE, lead.routemap_lock_message)
        # a manual interest is not locked
        manual = self.env["crm.lead"].create(
            {"name": "Manual desks", "type": "opportunity", "process_kind": "manual"}
        )
        self.assertFalse(manual.routemap_lock_message)
        self.assertFalse(manual.routemap_can_terminate)

    def test_the_map_is_ended_early_from_the_interest_not_lost_by_hand(self):
        lead = self.lead.with_user(self.salesman)
        self.assertTrue(lead.routemap_can_terminate)
        action = lead.action_routemap_terminate()
        self.assertEqual(action["res_model"], "crm.routemap.process.terminate")
        process = lead.routemap_process_ids
        self.assertEqual(action["context"]["default_process_id"], process.id)
        process.sudo()._routemap_terminate(lose=False)
        lead.invalidate_recordset()
        self.assertFalse(lead.routemap_can_terminate)
        with self.assertRaises(UserError):
            lead.action_routemap_terminate()

    def test_the_diagram_labels_are_the_points_names_in_the_readers_language(self):
        labels = self.routemap.with_context(lang="ru_RU").diagram_labels
        self.assertEqual(labels["A"], RU_QUALIFY)
        self.assertEqual(labels["C"], RU_AGREE)
        self.assertEqual(labels["yes"], "Да")
        self.assertEqual(
            self.routemap.with_context(lang="en_US").diagram_labels["A"], "Tour qualify"
        )
        self.assertEqual(self.lead.with_context(lang="ru_RU").routemap_labels["A"], RU_QUALIFY)
        # the performer's task and the process show the same map in his language
        task = self.lead.routemap_task_ids.with_user(self.salesman).with_context(lang="ru_RU")
        self.assertEqual(task.diagram_labels["A"], RU_QUALIFY)
        self.assertEqual(task.process_id.diagram_labels["C"], RU_AGREE)
        # the drawing itself keeps the names it was drawn with
        self.assertIn('name="Tour qualify"', self.routemap.xml)
        self.assertNotIn(RU_QUALIFY, self.routemap.xml)


@tagged("post_install", "-at_install")
class TestRoutemapScreensUi(HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_driven_sale(cls)

    def test_the_demo_map_fills_the_diagram_tab_at_1440px(self):
        consultant = new_test_user(
            self.env,
            "rm_screen_consultant",
            groups="sales_team.group_sale_manager",
            name="Screen Consultant",
        )
        routemap = self.env["crm.routemap"].create(
            {"name": "Typical sale (screen)", "target": "independent", "xml": demo_sale_xml()}
        )
        xml = routemap.xml
        self.start_tour(
            f"/odoo/action-crm_routemap.crm_routemap_action/{routemap.id}",
            "crm_routemap_diagram_tour",
            login=consultant.login,
        )
        self.assertEqual(
            routemap.xml, xml, "opening, selecting and a cancelled edit change nothing"
        )

    def test_a_russian_consultant_edits_a_map_drawn_in_english(self):
        consultant = new_test_user(
            self.env,
            "rm_screen_consultant_ru",
            groups="sales_team.group_sale_manager",
            name="Screen Consultant RU",
            lang="ru_RU",
        )
        drawing = bpmn.build(
            "Process_screen_draft",
            "Screen draft",
            [
                ("S", "start", "Request"),
                ("A", "action", "Qualify the client"),
                ("E", "end", "Sold"),
            ],
            [("f1", "S", "A"), ("f2", "A", "E")],
        )
        draft = self.env["crm.routemap"].create(
            {"name": "Screen draft", "target": "independent", "xml": bpmn.to_xml(drawing)}
        )
        point = draft.point_ids.filtered(lambda p: p.element_id == "A")
        point.update_field_translations("name", {"ru_RU": "Квалифицировать клиента"})
        self.start_tour(
            f"/odoo/action-crm_routemap.crm_routemap_action/{draft.id}",
            "crm_routemap_modeler_russian_tour",
            login=consultant.login,
        )
        self.assertEqual(len(draft.point_ids), 4, "the end point he added is saved")
        # each language keeps its own name of the point he did not rename
        self.assertEqual(point.with_context(lang="en_US").name, "Qualify the client")
        self.assertEqual(point.with_context(lang="ru_RU").name, "Квалифицировать клиента")

    def test_salesman_sees_that_the_map_drives_the_interest(self):
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{self.lead.id}",
            "crm_routemap_interest_screen_tour",
            login=self.salesman.login,
        )
        self.assertEqual(self.lead.stage_id, self.contact)
        self.assertEqual(self.lead.won_status, "pending")
