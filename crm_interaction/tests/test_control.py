from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import InteractionCase

FILTER = "[('ref', '=', 'CTL')]"


@tagged("post_install", "-at_install")
class TestControlWizards(InteractionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        tag = cls.env["res.partner.category"].create({"name": "Wholesale"})
        cls.vat_field = cls.env["ir.model.fields"]._get("res.partner", "vat")
        common = {"ref": "CTL"}
        cls.alpha = Partner.create(
            {"name": "Alpha", "is_company": True, "email": "a@example.com", "phone": "1",
             "user_id": cls.salesman.id, "vat": "7701000001", "category_id": tag.ids, **common}
        )  # fmt: skip
        cls.beta = Partner.create(
            {"name": "Beta", "is_company": True, "phone": "2", "user_id": cls.salesman2.id,
             **common}
        )  # fmt: skip
        cls.gamma = Partner.create(
            {"name": "Gamma", "is_company": True, "email": "g@example.com", **common}
        )
        cls.sidorov = Partner.create(
            {"name": "Сидоров Пётр Ильич", "parent_id": cls.alpha.id, **common}
        )
        cls.anna = Partner.create(
            {"name": "Анна Кузнецова", "surname": "Кузнецова", "first_name": "Анна",
             "email": "anna@example.com", "phone": "3", "category_id": tag.ids, **common}
        )  # fmt: skip
        Interaction = cls.env["crm.interaction"]
        # a hand-made base: no interaction without a client but these (demo data has some)
        Interaction.search([("partner_id", "=", False)]).unlink()
        cls.lost_call = Interaction.with_user(cls.salesman).create(
            {"name": "Unknown caller", "kind": "call", "phone": "+7 900 000-00-00"}
        )
        cls.lost_email = Interaction.with_user(cls.salesman2).create(
            {"name": "Price request", "kind": "email", "email": "x@example.com"}
        )
        Interaction.create({"name": "Known caller", "kind": "call", "partner_id": cls.alpha.id})
        Interaction.create({"name": "Plan a visit", "kind": "planned"})

    def _plan(self, scan=True, **vals):
        plan = (
            self.env["crm.control.task.plan"]
            .with_user(self.manager)
            .create({"partner_domain": FILTER, "default_user_id": self.manager.id, **vals})
        )
        if scan:
            plan.action_scan()
        return plan

    def test_contact_information_completeness(self):
        clients = self._plan(control="contact", partner_scope="clients")
        self.assertEqual(clients.found_partner_ids, self.beta | self.gamma)
        self.assertEqual(clients.found_count, 2)
        persons = self._plan(control="contact", partner_scope="contacts")
        self.assertEqual(persons.found_partner_ids, self.sidorov)
        phones = self._plan(control="contact", partner_scope="all", check_email=False)
        self.assertEqual(phones.found_partner_ids, self.gamma | self.sidorov)
        with self.assertRaises(UserError) as cm:
            self._plan(
                scan=False, control="contact", check_email=False, check_phone=False
            ).action_confirm()
        self.assertIn("Choose the contact information", str(cm.exception))

    def test_client_registration(self):
        plan = self._plan(control="registration")
        self.assertEqual(plan.found_interaction_ids, self.lost_call | self.lost_email)
        tasks = self.env["crm.control.task"].search(plan.action_confirm()["domain"])
        # each task goes to whoever registered the interactions
        self.assertEqual(
            {t.user_id: t.line_ids.interaction_id for t in tasks},
            {self.salesman: self.lost_call, self.salesman2: self.lost_email},
        )
        self.lost_call.partner_id = self.alpha
        task = tasks.filtered(lambda t: t.user_id == self.salesman)
        self.assertEqual(task.progress, 100)
        self.assertEqual(task.state, "done")

    def test_properties_completeness(self):
        plan = self._plan(
            control="properties",
            partner_scope="all",
            check_tags=True,
            property_field_ids=[Command.set(self.vat_field.ids)],
        )
        self.assertEqual(plan.found_partner_ids, self.beta | self.gamma | self.sidorov | self.anna)
        tags_only = self._plan(control="properties", partner_scope="clients", check_tags=True)
        self.assertEqual(tags_only.found_partner_ids, self.beta | self.gamma)

    def test_full_name_completeness(self):
        plan = self._plan(control="fullname", partner_scope="all")
        self.assertEqual(plan.found_partner_ids, self.sidorov)
        task = self.env["crm.control.task"].search(plan.action_confirm()["domain"])
        self.assertEqual(task.progress, 0)
        self.sidorov.action_fill_name_parts()
        self.assertEqual(self.sidorov.surname, "Сидоров")
        self.assertEqual(task.progress, 100)
        self.assertTrue(task.line_ids.done)

    def test_distribution_to_salespeople_and_task_progress(self):
        plan = self._plan(control="contact", partner_scope="clients")
        self.assertIn("Petr Salesman", plan.distribution_summary)
        action = plan.action_confirm()
        tasks = self.env["crm.control.task"].search(action["domain"])
        self.assertEqual(
            {t.user_id: t.line_ids.partner_id for t in tasks},
            {self.salesman2: self.beta, self.manager: self.gamma},
        )
        task = tasks.filtered(lambda t: t.user_id == self.salesman2)
        self.assertIn("done 0%", task.name)
        # the task is an activity on the performer's "My Activities"
        activity = task.activity_ids
        self.assertEqual(activity.user_id, self.salesman2)
        self.assertEqual(activity.date_deadline, plan.date_deadline)
        # the salesman fixes the card: the row turns done, the task too
        self.beta.with_user(self.salesman2).write({"email": "b@example.com"})
        self.assertTrue(task.line_ids.done)
        self.assertIn("done 100%", task.name)
        # the performer's today (his time zone), whatever the server's clock says
        self.assertEqual(task.date_done, fields.Date.context_today(task))
        self.assertFalse(task.activity_ids)

    def test_task_name_in_the_readers_language(self):
        """Planned by an English-speaking manager, read in Russian by a Russian salesman:
        the whole name is Russian, and the English reader's is English."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_interaction"], ["ru_RU"])
        self.salesman2.lang = "ru_RU"
        plan = self._plan(control="contact", partner_scope="clients")
        action = plan.action_confirm()
        task = (
            self.env["crm.control.task"]
            .search(action["domain"])
            .filtered(lambda t: t.user_id == self.salesman2)
        )
        russian = task.with_user(self.salesman2).with_context(lang="ru_RU").name
        self.assertIn("выполнено 0%", russian)
        self.assertNotRegex(russian, "[A-Za-z]")
        self.assertEqual(task.activity_ids.summary, russian)  # his activity, in his language
        english = task.with_context(lang="en_US").name
        self.assertIn("done 0%", english)
        self.assertNotRegex(english, "[а-яА-Я]")
        Task = self.env["crm.control.task"]
        self.assertIn(task, Task.search([("name", "ilike", english.split(":")[0])]))

    def test_proportional_split_among_a_group(self):
        group = self.env["res.groups"].create(
            {"name": "Call centre", "user_ids": [Command.set((self.salesman | self.salesman2).ids)]}
        )
        with Form(self.env["crm.control.task.plan"].with_user(self.manager)) as form:
            form.partner_domain = FILTER
            form.control = "contact"
            form.partner_scope = "all"
            form.distribution = "proportional"
            form.group_id = group
            # nothing is scanned while the settings are being chosen
            self.assertFalse(form.scanned)
            self.assertEqual(form.found_count, 0)
        plan = form.record
        plan.action_scan()
        self.assertEqual(plan.found_count, 3)
        self.assertEqual(plan.user_ids, self.salesman | self.salesman2)
        self.assertRegex(plan.distribution_summary, r"Ivan Salesman</td><td[^>]*>2<")
        self.assertRegex(plan.distribution_summary, r"Petr Salesman</td><td[^>]*>1<")
        action = plan.action_confirm()
        tasks = self.env["crm.control.task"].search(action["domain"])
        self.assertEqual(sorted(tasks.mapped("line_count")), [1, 2])
        self.assertEqual(tasks.line_ids.partner_id, self.beta | self.gamma | self.sidorov)
        task = tasks.filtered(lambda t: t.line_count == 2)
        fixable = task.line_ids.partner_id.filtered("is_company")[:1]
        fixable.write({"email": "fixed@example.com", "phone": "9"})
        self.assertEqual(task.progress, 50)
        self.assertIn("done 50%", task.name)
        self.assertEqual(task.line_ids.filtered("done").partner_id, fixable)

    def test_executive_discipline(self):
        Task = self.env["crm.control.task"]
        today = date.today()
        base = {"control": "contact", "check_email": True}
        overdue = Task.create(
            {**base, "user_id": self.salesman.id, "date_deadline": today - timedelta(days=3),
             "line_ids": [Command.create({"partner_id": self.beta.id})]}
        )  # fmt: skip
        on_time = Task.create(
            {**base, "user_id": self.salesman.id, "date_deadline": today + timedelta(days=3),
             "line_ids": [Command.create({"partner_id": self.alpha.id, "done": True})]}
        )  # fmt: skip
        late = Task.create(
            {**base, "user_id": self.salesman.id, "date_deadline": today - timedelta(days=5),
             "line_ids": [Command.create({"partner_id": self.anna.id, "done": True})]}
        )  # fmt: skip
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE crm_control_task SET date_done = %s WHERE id = %s", today, late.id)
        )
        report = self.env["crm.control.discipline.report"].search(
            [("task_id", "in", (overdue | on_time | late).ids)]
        )
        self.assertEqual(
            {r.task_id: r.discipline for r in report},
            {overdue: "overdue", on_time: "on_time", late: "late"},
        )
        # per performer: assigned, done on time, done late, overdue now, share on time
        (assigned, on_time_n, late_n, overdue_n, share) = self.env[
            "crm.control.discipline.report"
        ]._read_group(
            [("task_id", "in", (overdue | on_time | late).ids)],
            ["user_id"],
            [
                "task_count:sum",
                "on_time_count:sum",
                "late_count:sum",
                "overdue_count:sum",
                "on_time_share:avg",
            ],
        )[0][1:]
        self.assertEqual((assigned, on_time_n, late_n, overdue_n), (3, 1, 1, 1))
        self.assertEqual(share, 50.0)  # one of the two done tasks was on time

    def test_scan_runs_once_when_asked_and_is_forgotten_when_settings_change(self):
        Plan = self.env["crm.control.task.plan"].with_user(self.manager)
        with Form(Plan) as form:
            form.partner_domain = FILTER
            form.control = "contact"
            form.partner_scope = "clients"
        plan = form.record
        self.assertFalse(plan.scanned)
        self.assertFalse(plan.found_partner_ids)
        action = plan.action_scan()
        self.assertEqual((action["res_model"], action["res_id"]), (plan._name, plan.id))
        self.assertEqual(plan.found_partner_ids, self.beta | self.gamma)
        # an onchange that changes what is checked forgets the scan without searching again
        with Form(plan) as form:
            form.partner_scope = "contacts"
            self.assertFalse(form.scanned)
            self.assertEqual(form.found_count, 0)
        plan.action_scan()
        self.assertEqual(plan.found_partner_ids, self.sidorov)
        with self.assertRaises(UserError):
            self._plan(control="contact", partner_domain="[('ref', '=',").action_scan()

    def test_control_tasks_clear_no_registry_cache(self):
        """Creating or changing control tasks (operational data) flushes no registry cache:
        the fields a properties control checks are known without it, and a salesman fixing
        such a field still sees his row done at once."""
        Task = self.env["crm.control.task"]
        before = self.env.registry.cache_invalidated
        self.env.registry.cache_invalidated.clear()
        try:
            task = Task.create(
                {"control": "properties", "user_id": self.salesman.id,
                 "date_deadline": date.today() + timedelta(days=3),
                 "property_field_ids": [Command.set(self.vat_field.ids)],
                 "line_ids": [Command.create({"partner_id": self.beta.id})]}
            )  # fmt: skip
            task.write({"property_field_ids": [Command.set(self.vat_field.ids)]})
            task.write({"control_date": date.today()})
            self.assertFalse(self.env.registry.cache_invalidated)
        finally:
            self.env.registry.cache_invalidated.update(before)
        self.beta.with_user(self.salesman2).write({"vat": "7701000002"})
        self.assertTrue(task.line_ids.done)

    def test_salesman_reads_his_task_without_the_schema(self):
        """The salesman opens his properties task: he sees which fields to fill, and reads
        nothing of ir.model.fields."""
        task = self.env["crm.control.task"].create(
            {"control": "properties", "user_id": self.salesman.id,
             "date_deadline": date.today() + timedelta(days=3),
             "property_field_ids": [Command.set(self.vat_field.ids)],
             "line_ids": [Command.create({"partner_id": self.beta.id})]}
        )  # fmt: skip
        mine = task.with_user(self.salesman)
        with Form(mine) as form:
            self.assertEqual(form.property_field_names, self.vat_field.field_description)
        with self.assertRaises(AccessError):
            self.env["ir.model.fields"].with_user(self.salesman).search_read(
                [("model", "=", "res.partner")], ["name"], limit=1
            )
        mine.action_refresh()
        self.assertFalse(task.line_ids.done)
