import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..pure import bpmn
from .common import RoutemapCase, sale_drawing

SET_PARAM = "object.env['ir.config_parameter'].set_param('crm_routemap.pwned', '1')"
MAKE_ADMIN = (
    "object.env['res.users'].browse(%d).write("
    "{'group_ids': [(4, object.env.ref('base.group_system').id)]})"
)


@tagged("post_install", "-at_install")
class TestRoutemapConditionSecurity(RoutemapCase):
    """A sales administrator edits maps; only a system administrator writes Python, and no
    condition ever runs with more rights than the user whose action reaches it."""

    def draft(self, user=None):
        routemap = self.routemap.with_user(user or self.manager).action_new_version()
        return self.env["crm.routemap"].browse(routemap["res_id"]).with_user(user or self.manager)

    def big_arrow(self, routemap):
        return routemap.arrow_ids.filtered(lambda a: a.element_id == "F_big")

    def assert_nothing_changed(self):
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param("crm_routemap.pwned"))
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertFalse(self.salesman.has_group("base.group_system"))

    def test_sales_administrator_cannot_write_python_on_the_form(self):
        draft = self.draft()
        arrow = self.big_arrow(draft)
        for code in (SET_PARAM, MAKE_ADMIN % self.manager.id):
            with self.assertRaisesRegex(AccessError, "only a system administrator"):
                arrow.write({"condition_code": code})
            # nor through the domain field: a condition there is a domain, nothing else
            with self.assertRaisesRegex(ValidationError, "a condition is a domain"):
                arrow.write({"condition": code})
        self.assertEqual(arrow.condition, '[("expected_revenue", ">", 1000)]')
        self.assert_nothing_changed()

    def test_sales_administrator_cannot_bring_python_in_a_bpmn_file(self):
        draft = self.draft()
        drawing = sale_drawing()
        drawing.arrows["F_big"].condition = SET_PARAM
        drawing.arrows["F_yes"].condition = MAKE_ADMIN % self.manager.id
        document = bpmn.to_xml(drawing)
        # a new map from the file, an import into a draft, the diagram saved over RPC
        with self.assertRaisesRegex(AccessError, "only a system administrator"):
            self.env["crm.routemap"].with_user(self.manager).create(
                {"name": "Evil", "target": "independent", "xml": document}
            )
        wizard = (
            self.env["crm.routemap.import"]
            .with_user(self.manager)
            .create({"routemap_id": draft.id, "bpmn_file": base64.b64encode(document.encode())})
        )
        with self.assertRaisesRegex(AccessError, "only a system administrator"):
            wizard.action_import()
        fresh = (
            self.env["crm.routemap"]
            .with_user(self.manager)
            .create({"name": "Fresh", "target": "independent"})
        )
        with self.assertRaisesRegex(AccessError, "only a system administrator"):
            fresh.write({"xml": document})
        self.assertFalse(fresh.arrow_ids.filtered("condition_code"))
        self.assert_nothing_changed()

    def test_a_domain_calls_nothing_and_is_refused_at_activation(self):
        draft = self.draft()
        arrow = self.big_arrow(draft)
        # a list literal, so the form takes it; its names are dates only, never a record
        arrow.write({"condition": f"[('id', '=', {SET_PARAM})]"})
        with self.assertRaisesRegex(UserError, 'Arrow "Big" of condition "Big deal\\?"'):
            draft.action_activate()
        self.assertEqual(draft.status, "draft")
        self.assert_nothing_changed()

    def test_forbidden_names_are_refused_in_plain_words_naming_the_arrow(self):
        draft = self.draft()
        arrow = self.big_arrow(draft)
        arrow.write({"condition": "[('name', '=', __import__('os').getcwd())]"})
        with self.assertRaises(UserError) as refusal:
            draft.action_activate()
        message = str(refusal.exception)
        self.assertIn('Arrow "Big" of condition "Big deal?" has an invalid condition.', message)
        self.assertNotIn("forbidden name", message)
        # a system administrator's Python with a dunder: the same plain refusal
        arrow.sudo().write({"condition": False, "condition_code": "object.__class__"})
        with self.assertRaisesRegex(UserError, 'Arrow "Big" of condition "Big deal\\?"'):
            draft.action_activate()

    def test_python_condition_runs_with_the_rights_of_the_user_who_reaches_it(self):
        """A system administrator's Python condition (or one left from before) that writes a
        system parameter and a user's groups: the salesman whose answer reaches it cannot."""
        draft = self.draft()
        self.big_arrow(draft).sudo().write(
            {
                "condition": False,
                "condition_code": f"{SET_PARAM} or {MAKE_ADMIN % self.salesman.id}",
            }
        )
        draft.sudo().action_activate()
        lead = self.new_lead(revenue=5000)
        self.assertEqual(lead.routemap_process_ids.routemap_id, draft)
        self.complete(lead, "A")
        self.complete(lead, "B", result_text="Offer sent")
        with self.assertRaises(UserError):  # an AccessError is one too
            self.complete(lead, "C", answer_id=self.big_answer(draft, "F_yes").id)
        self.assert_nothing_changed()
        self.assertTrue(self.task(lead, "C"), "the task stays open")

    def test_domain_condition_decides_the_branch_with_the_users_rights(self):
        for revenue, expected in ((5000, "L"), (500, "O")):
            lead = self.new_lead(revenue=revenue)
            self.complete(lead, "A")
            self.complete(lead, "B", result_text="Offer sent")
            self.complete(lead, "C", answer_id=self.arrow("F_yes").id)
            self.task(lead, expected)

    def test_system_administrator_may_write_python(self):
        admin = new_test_user(
            self.env, "rm_sysadmin", groups="base.group_system,sales_team.group_sale_manager"
        )
        draft = self.draft(admin)
        arrow = self.big_arrow(draft)
        arrow.write({"condition": False, "condition_code": "object.expected_revenue > 1000"})
        draft.action_activate()
        self.assertEqual(draft.status, "active")
        exported = base64.b64decode(draft.bpmn_file)
        self.assertIn(b"object.expected_revenue &gt; 1000", exported)

    def big_answer(self, routemap, element):
        return routemap.arrow_ids.filtered(lambda a: a.element_id == element)
