import base64

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from ..pure import bpmn
from .common import RoutemapCase


@tagged("post_install", "-at_install")
class TestRoutemapConsultant(RoutemapCase):
    """Nothing the consultant set is lost: a setting the diagram decides comes from it, one kept
    in Odoo survives every save, version and export/import; an active map is frozen."""

    def draft(self):
        action = self.routemap.with_user(self.manager).action_new_version()
        return self.env["crm.routemap"].with_user(self.manager).browse(action["res_id"])

    def point(self, routemap, element):
        return routemap.point_ids.filtered(lambda p: p.element_id == element)

    def test_the_kind_and_name_set_in_odoo_survive_saves_versions_and_export(self):
        draft = self.draft()
        gateway = self.point(draft, "C")
        self.assertEqual(gateway.kind, "choice")
        gateway.kind = "condition"  # the consultant's choice on the Points tab
        self.point(draft, "A").name = "Qualify the client by phone"
        # the diagram is saved again (a shape moved: same elements, same labels)
        moved = draft.xml.replace('x="', 'x="1', 1)
        draft.write({"xml": moved})
        self.assertEqual(self.point(draft, "C").kind, "condition")
        self.assertEqual(self.point(draft, "A").name, "Qualify the client by phone")
        # a label changed in the diagram is the diagram's decision
        drawing = bpmn.parse(draft.xml)
        drawing.points["B"].name = "Commercial offer"
        draft.write({"xml": bpmn.to_xml(drawing)})
        self.assertEqual(self.point(draft, "B").name, "Commercial offer")
        self.assertEqual(self.point(draft, "C").kind, "condition")
        self.assertEqual(self.point(draft, "A").name, "Qualify the client by phone")
        # a new version keeps them
        action = draft.action_new_version()
        version = self.env["crm.routemap"].browse(action["res_id"])
        self.assertEqual(self.point(version, "C").kind, "condition")
        self.assertEqual(self.point(version, "A").name, "Qualify the client by phone")
        # export, then import into a new map: the chosen kind travels in the file
        exported = base64.b64decode(draft.bpmn_file)
        imported = (
            self.env["crm.routemap"]
            .with_user(self.manager)
            .create({"name": "Imported", "target": "independent"})
        )
        self.env["crm.routemap.import"].with_user(self.manager).create(
            {"routemap_id": imported.id, "bpmn_file": base64.b64encode(exported)}
        ).action_import()
        self.assertEqual(self.point(imported, "C").kind, "condition")
        self.assertEqual(self.point(imported, "K").kind, "condition")

    def test_an_active_map_is_frozen_entirely(self):
        other_state = self.st_offer
        for values in (
            {"allow_termination": False},
            {"termination_stage_id": other_state.id},
            {"name": "Renamed"},
            {"interest_kind": "supporting"},
        ):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                self.routemap.with_user(self.manager).write(values)
        self.assertTrue(self.routemap.allow_termination)
        self.assertEqual(self.routemap.termination_stage_id, self.st_qual)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.point(self.routemap, "A").with_user(self.manager).duration = 5
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.arrow("F_big").with_user(self.manager).condition = "[]"

    def test_a_nested_map_cannot_be_archived_while_an_active_map_calls_it(self):
        with self.assertRaises(UserError) as refusal:
            self.contract.with_user(self.manager).action_archive_map()
        self.assertIn('the active map "Typical sale (v1)" calls it', str(refusal.exception))
        self.assertEqual(self.contract.status, "active")
        # once the caller is archived, it may go
        self.routemap.with_user(self.manager).action_archive_map()
        self.contract.with_user(self.manager).action_archive_map()
        self.assertEqual(self.contract.status, "archived")

    def test_archiving_a_user_with_open_tasks_hands_them_over(self):
        team = self.env["crm.team"].create({"name": "Route-map team", "user_id": self.manager.id})
        lead = self.new_lead(revenue=5000)
        lead.team_id = team
        self.complete(lead, "A")
        self.complete(lead, "B", result_text="Offer sent")
        self.complete(lead, "C", answer_id=self.arrow("F_yes").id)
        legal, finance = self.task(lead, "L").sudo(), self.task(lead, "F").sudo()
        self.assertEqual(legal.user_id, self.lawyer)
        self.assertEqual(finance.user_id, self.salesman)
        # the administrator archives both from the users list: nothing blocks him (with
        # crm_client_access, a user with open work is first offered the hand over wizard,
        # which archives under this key; the route-map tasks left go to the team leader)
        (self.lawyer | self.salesman).with_context(crm_handover_archive=True).action_archive()
        self.assertFalse(self.lawyer.active)
        for task in (legal, finance):
            self.assertEqual(task.state, "open")
            self.assertEqual(task.user_id, self.manager, "the responsible's team leader")
            self.assertEqual(task.activity_id.user_id, self.manager)
        notes = lead.routemap_process_ids.message_ids.mapped("body")
        self.assertTrue(any("Anna Lawyer" in body and "Sergey Manager" in body for body in notes))
        # the manager goes on with them
        lead = lead.with_user(self.manager)
        self.complete(lead, "L", user=self.manager)
        self.complete(lead, "F", user=self.manager)
        self.task(lead, "ca")

    def test_unnamed_points_get_readable_names_never_technical_ids(self):
        drawing = bpmn.build(
            "P_unnamed",
            "",
            [
                ("StartEvent_1", "start", ""),
                ("Activity_0x1", "action", "Call"),
                ("Gateway_1", "condition", ""),
                ("Activity_0x2", "action", ""),
                ("EndEvent_1", "end", ""),
            ],
            [
                ("f1", "StartEvent_1", "Activity_0x1"),
                ("f2", "Activity_0x1", "Gateway_1"),
                ("f3", "Gateway_1", "Activity_0x2", "", "[('name', '!=', False)]"),
                ("f4", "Gateway_1", "EndEvent_1"),
                ("f5", "Activity_0x2", "EndEvent_1"),
            ],
        )
        routemap = (
            self.env["crm.routemap"]
            .with_user(self.manager)
            .create({"name": "Unnamed", "target": "independent", "xml": bpmn.to_xml(drawing)})
        )
        names = sorted(routemap.point_ids.mapped("name"))
        self.assertEqual(names, ["Action 1", "Call", "Condition 1", "End 1", "Start 1"])
        # validation speaks of them by those names, arrows by where they go
        self.assertIn('Condition "Condition 1" needs a default arrow', routemap.problems)
        self.assertIn(
            'Arrow "Condition 1 → End 1" of condition "Condition 1" has no condition.',
            routemap.problems,
        )
        self.assertNotIn("Gateway_1", routemap.problems)

    def test_a_task_reads_in_its_performers_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["mail", "crm_routemap"], ["ru_RU"])
        self.point(self.routemap, "A").update_field_translations(
            "name", {"ru_RU": "Квалифицировать клиента"}
        )
        self.salesman.lang = "ru_RU"
        # the interest is created by an English-speaking manager for the Russian salesman
        lead = self.new_lead(user=self.manager)
        lead.sudo().user_id = self.salesman
        task = self.task(lead, "A").sudo()
        task.action_reassign(self.salesman.id)
        self.assertEqual(task.activity_id.summary, "Квалифицировать клиента")
        # his request runs in his language, as the web client sends it
        task.with_user(self.salesman).with_context(lang="ru_RU").action_complete()
        done = lead.sudo().message_ids.filtered(lambda m: "Квалифицировать клиента" in m.body)
        self.assertTrue(done)
        text = " ".join(html2plaintext(done[0].body).split())
        self.assertIn("Задание по карте маршрута выполнено : Квалифицировать клиента", text)

    def test_a_new_version_keeps_the_names_in_every_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.routemap.update_field_translations("name", {"ru_RU": "Типовая продажа"})
        version = self.draft()
        self.assertEqual(version.name, "Typical sale")
        self.assertEqual(version.with_context(lang="ru_RU").name, "Типовая продажа")
        self.assertEqual(version.version, 2)
