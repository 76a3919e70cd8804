"""Handing a leaver's work over (issue 24): all to one, by client, by team, evenly, a preview
the sales administrator edits, the log and the chatter, archiving with open work refused."""

from collections import Counter
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import AccessCase, json2


@tagged("post_install", "-at_install")
class TestHandover(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {"no_reset_password": True}
        cls.admin_users = new_test_user(
            cls.env,
            "ca_admin_users",
            groups="sales_team.group_sale_manager,base.group_erp_manager",
            name="Администратор Пользователей",
            context=ctx,
        )
        cls.team2 = cls.env["crm.team"].create(
            {"name": "Команда СПб", "user_id": cls.head_spb.id, "member_ids": [(6, 0, [])]}
        )
        leaver = cls.leaver = cls.s_msk
        Partner = cls.env["res.partner"]
        Lead = cls.env["crm.lead"]
        cls.client_a = cls.clients[leaver]
        cls.lead_a = cls.leads[leaver]
        cls.contact_a = Partner.create(
            {"name": "Контакт А", "parent_id": cls.client_a.id, "user_id": leaver.id}
        )
        cls.client_b, cls.client_c = Partner.create(
            [
                {"name": "Клиент Б", "is_company": True, "user_id": leaver.id},
                {"name": "Клиент В", "is_company": True, "user_id": leaver.id},
            ]
        )
        cls.lead_b, cls.lead_c, cls.lead_won = Lead.create(
            [
                {"name": "Интерес Б", "type": "opportunity", "user_id": leaver.id,
                 "partner_id": cls.client_b.id, "team_id": cls.team.id},
                {"name": "Интерес В", "type": "opportunity", "user_id": leaver.id,
                 "partner_id": cls.client_c.id, "team_id": cls.team2.id},
                {"name": "Выигранный", "type": "opportunity", "user_id": leaver.id,
                 "partner_id": cls.client_c.id, "team_id": cls.team2.id},
            ]
        )  # fmt: skip
        cls.lead_a.team_id = False
        cls.lead_won.action_set_won()
        Interaction = cls.env["crm.interaction"]
        now = datetime.now()
        cls.planned, cls.past = Interaction.create(
            [
                {"name": "Позвонить", "partner_id": cls.client_a.id, "user_id": leaver.id,
                 "date": now + timedelta(days=2)},
                {"name": "Был звонок", "partner_id": cls.client_a.id, "user_id": leaver.id,
                 "date": now - timedelta(days=2)},
            ]
        )  # fmt: skip
        cls.planned.team_id = False
        cls.activity = cls.lead_a.activity_schedule(
            "mail.mail_activity_data_todo", user_id=leaver.id, summary="Отправить КП"
        )
        cls.Handover = cls.env["crm.access.handover"]
        # the leaver's open work: 4 clients (the contact person is client A's), 3 open
        # interests (not the won one), 1 planned interaction (not the past one), 1 activity
        cls.work = {
            "clients": cls.client_a | cls.contact_a | cls.client_b | cls.client_c,
            "interests": cls.lead_a | cls.lead_b | cls.lead_c,
            "interactions": cls.planned,
            "activities": cls.activity,
        }
        cls.by_client = {
            cls.client_a: [cls.client_a, cls.contact_a, cls.lead_a, cls.planned, cls.activity],
            cls.client_b: [cls.client_b, cls.lead_b],
            cls.client_c: [cls.client_c, cls.lead_c],
        }

    def wizard(self, mode, user=None, **vals):
        return self.Handover.with_user(user or self.admin_sales).create(
            dict(vals, from_user_id=self.leaver.id, mode=mode)
        )

    def all_work(self):
        return [record for records in self.work.values() for record in records]

    def left_with_leaver(self):
        return self.Handover._crm_handover_open_work(self.leaver)

    def test_all_to_one(self):
        self.wizard("all", target_user_id=self.s_spb.id).action_handover()
        self.assertEqual(self.left_with_leaver(), [])
        for record in self.all_work():
            self.assertEqual(record.user_id, self.s_spb, record.display_name)
        # the won interest and the past interaction keep their author
        self.assertEqual(self.lead_won.user_id, self.leaver)
        self.assertEqual(self.past.user_id, self.leaver)
        self.assertTrue(self.leaver.active)
        # one log row per piece of work
        logs = self.env["crm.access.log"].search(
            [("kind", "=", "handover"), ("user_id", "=", self.leaver.id)]
        )
        self.assertEqual(len(logs), 9)
        self.assertEqual(set(logs.target_user_id.ids), {self.s_spb.id})
        self.assertEqual(
            {(log.res_model, log.res_id) for log in logs},
            {(r._name, r.id) for r in self.all_work()},
        )
        log_b = logs.filtered(lambda log: log.res_id == self.lead_b.id)
        self.assertEqual(log_b.res_name, "Интерес Б")
        self.assertEqual(log_b.work_kind, "interests")
        # the salesman who takes it sees it in his log
        self.assertIn(log_b, self.env["crm.access.log"].with_user(self.s_spb).search([]))

    def test_chatter_note_on_each_document(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.wizard("all", target_user_id=self.s_spb.id).action_handover()
        self.env.flush_all()
        self.env.cr.precommit.run()
        for record in (self.lead_b, self.client_c, self.planned):
            notes = self.env["mail.message"].search(
                [("model", "=", record._name), ("res_id", "=", record.id)]
            )
            bodies = " ".join(notes.mapped("body"))
            self.assertIn("Handed over from Менеджер Москва to Менеджер СПб", bodies)
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "crm.lead"), ("res_id", "=", self.lead_won.id),
                 ("body", "ilike", "Handed over")]
            )
        )  # fmt: skip

    def test_by_client_keeps_each_clients_work_together(self):
        successors = self.s_spb | self.s_msk1
        self.wizard("client", target_user_ids=successors.ids).action_handover()
        self.assertEqual(self.left_with_leaver(), [])
        taken = {}
        for client, records in self.by_client.items():
            owners = {record.user_id for record in records}
            self.assertEqual(len(owners), 1, client.name)
            taken[client] = owners.pop()
        # the clients spread: two to one, one to the other
        self.assertEqual(sorted(Counter(taken.values()).values()), [1, 2])
        self.assertEqual(set(taken.values()), set(successors))

    def test_evenly_deals_the_pieces(self):
        successors = self.s_spb | self.s_msk1
        self.wizard("even", target_user_ids=successors.ids).action_handover()
        self.assertEqual(self.left_with_leaver(), [])
        counts = Counter(record.user_id for record in self.all_work())
        self.assertEqual(sorted(counts.values()), [4, 5])
        self.assertEqual(set(counts), set(successors))
        # each kind of work is shared too
        self.assertEqual(set(self.work["interests"].user_id), set(successors))

    def test_by_team_a_successor_per_team(self):
        with Form(self.Handover.with_user(self.admin_sales)) as form:
            form.from_user_id = self.leaver
            form.mode = "team"
            leaders = {}
            for i in range(len(form.team_line_ids)):
                with form.team_line_ids.edit(i) as line:
                    leaders[line.team_id] = line.target_user_id
                    if not line.team_id:
                        line.target_user_id = self.s_msk1
        # each team's leader is proposed; the work without a team waits for a choice
        self.assertEqual(leaders[self.team], self.head_msk)
        self.assertEqual(leaders[self.team2], self.head_spb)
        self.assertIn(self.env["crm.team"], leaders)
        wizard = form.record
        self.assertEqual(
            {line.team_id: line.target_user_id for line in wizard.team_line_ids}[
                self.env["crm.team"]
            ],
            self.s_msk1,
        )
        wizard.action_handover()
        self.assertEqual(self.left_with_leaver(), [])
        self.assertEqual(self.lead_b.user_id, self.head_msk)
        self.assertEqual(self.lead_c.user_id, self.head_spb)
        self.assertEqual(self.lead_a.user_id, self.s_msk1)
        # a client goes with the team of his work
        self.assertEqual(self.client_b.user_id, self.head_msk)
        self.assertEqual(self.client_c.user_id, self.head_spb)
        self.assertEqual(self.client_a.user_id, self.s_msk1)
        # an activity follows its document's team
        self.assertEqual(self.activity.user_id, self.s_msk1)

    def test_preview_then_an_edited_target(self):
        wizard = self.wizard("all", target_user_id=self.s_spb.id)
        action = wizard.action_preview()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(len(wizard.line_ids), 9)
        self.assertEqual(set(wizard.line_ids.target_user_id), {self.s_spb})
        self.assertEqual(
            Counter(wizard.line_ids.mapped("source_label")),
            {"Clients": 4, "Open Interests": 3, "Planned Interactions": 1, "Activities": 1},
        )
        line_b = wizard.line_ids.filtered(
            lambda line: (line.res_model, line.res_id) == ("crm.lead", self.lead_b.id)
        )
        self.assertEqual(line_b.partner_id, self.client_b)
        self.assertIn("Менеджер СПб", wizard.summary)
        # the sales administrator gives interest B to another salesman
        line_b.target_user_id = self.s_msk1
        self.assertIn("Менеджер Москва-1", wizard.summary)
        # shown grouped: each successor's work together, by kind
        wizard.invalidate_recordset(["line_ids"])
        self.assertEqual(wizard.line_ids[0], line_b)
        self.assertEqual(set(wizard.line_ids[1:].target_user_id), {self.s_spb})
        wizard.action_handover()
        self.assertEqual(self.lead_b.user_id, self.s_msk1)
        self.assertEqual(self.client_b.user_id, self.s_spb)
        self.assertEqual(self.lead_a.user_id, self.s_spb)
        self.assertEqual(self.left_with_leaver(), [])
        # another sales administrator does not see this wizard
        other = new_test_user(
            self.env, "ca_admin2", groups="sales_team.group_sale_manager",
            context={"no_reset_password": True},
        )  # fmt: skip
        self.assertFalse(self.Handover.with_user(other).search([("id", "=", wizard.id)]))

    def test_nothing_left_and_the_user_archived(self):
        wizard = self.wizard(
            "client",
            user=self.admin_users,
            target_user_ids=(self.s_spb | self.head_msk).ids,
            archive_after=True,
        )
        wizard.action_handover()
        self.assertFalse(self.leaver.active)
        self.assertEqual(self.left_with_leaver(), [])
        for model in ("res.partner", "crm.interaction", "mail.activity"):
            self.assertFalse(
                self.env[model].search(
                    [("user_id", "=", self.leaver.id), ("id", "in", [r.id for r in
                     self.all_work() if r._name == model])]
                )
            )  # fmt: skip

    def test_work_in_another_company_keeps_the_user(self):
        elsewhere = self.env["res.partner"].create(
            {"name": "Клиент другой компании", "is_company": True, "user_id": self.leaver.id,
             "company_id": self.company2.id}
        )  # fmt: skip
        wizard = self.wizard(
            "all", user=self.admin_users, target_user_id=self.s_spb.id, archive_after=True
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_handover()
        self.assertIn("still has work you cannot see", str(caught.exception))
        self.assertTrue(self.leaver.active)
        self.assertEqual(elsewhere.user_id, self.leaver)
        self.assertEqual(self.lead_b.user_id, self.leaver)

    def test_successors_must_be_able_to_take_it(self):
        with self.assertRaisesRegex(UserError, "to himself"):
            self.wizard("all", target_user_id=self.leaver.id).action_preview()
        gone = new_test_user(self.env, "ca_gone", groups="sales_team.group_sale_salesman")
        gone.action_archive()
        with self.assertRaises(UserError) as caught:
            self.wizard("all", target_user_id=gone.id).action_handover()
        self.assertIn("not an active internal user", str(caught.exception))
        with self.assertRaisesRegex(UserError, "Choose who takes"):
            self.wizard("client").action_preview()
        self.assertEqual(self.lead_b.user_id, self.leaver)

    def test_archiving_needs_the_right_to_archive_users(self):
        wizard = self.wizard("all", target_user_id=self.s_spb.id, archive_after=True)
        with self.assertRaises(AccessError):
            wizard.action_handover()
        self.assertEqual(self.lead_b.user_id, self.leaver)
        self.assertTrue(self.leaver.active)

    def test_a_salesman_is_refused(self):
        with self.assertRaises(AccessError):
            self.wizard("all", user=self.s_msk1, target_user_id=self.s_msk1.id)
        wizard = self.wizard("all", target_user_id=self.s_spb.id)
        for method in ("action_preview", "action_handover"):
            with self.assertRaises(AccessError):
                getattr(wizard.with_user(self.s_msk1), method)()
        self.assertEqual(self.lead_b.user_id, self.leaver)
        self.assertFalse(
            self.env["crm.access.log"].search(
                [("kind", "=", "handover"), ("user_id", "=", self.leaver.id)]
            )
        )

    def test_archiving_with_open_work_offers_the_handover(self):
        with self.assertRaises(RedirectWarning) as caught:
            self.leaver.with_user(self.admin_users).action_archive()
        message, action_id, button, context = caught.exception.args
        self.assertIn("Менеджер Москва still has open work", message)
        self.assertIn("Open Interests: 3", message)
        self.assertIn("Clients: 4", message)
        self.assertEqual(action_id, self.env.ref("crm_client_access.crm_access_handover_action").id)
        self.assertEqual(button, "Hand Work Over")
        self.assertTrue(self.leaver.active)
        with self.assertRaises(RedirectWarning):
            self.leaver.with_user(self.admin_users).write({"active": False})
        # the button opens the wizard for him, archiving afterwards
        wizard = (
            self.Handover.with_user(self.admin_users)
            .with_context(**context)
            .create({"target_user_id": self.s_spb.id})
        )
        self.assertEqual(wizard.from_user_id, self.leaver)
        self.assertTrue(wizard.archive_after)
        wizard.action_handover()
        self.assertFalse(self.leaver.active)
        # a user without work is archived at once
        idle = new_test_user(self.env, "ca_idle", groups="sales_team.group_sale_salesman")
        idle.with_user(self.admin_users).action_archive()
        self.assertFalse(idle.active)

    def test_planned_interactions_only_those_still_ahead(self):
        sources = {
            source["key"]: source
            for source in self.Handover.new(
                {"from_user_id": self.leaver.id}
            )._crm_handover_sources()
        }
        # the core's kinds (glue addons add theirs)
        self.assertLessEqual({"clients", "interests", "interactions", "activities"}, set(sources))
        found = self.env["crm.interaction"].search(sources["interactions"]["domain"])
        self.assertEqual(found, self.planned)
        self.assertLess(self.past.date, fields.Datetime.now())


@tagged("post_install", "-at_install")
class TestHandoverRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {"no_reset_password": True}
        group = "sales_team.group_sale_salesman"
        cls.salesman = new_test_user(cls.env, "ho_rpc_salesman", groups=group, context=ctx)
        cls.leaver = new_test_user(cls.env, "ho_rpc_leaver", groups=group, context=ctx)
        cls.manager = new_test_user(
            cls.env, "ho_rpc_manager", groups="sales_team.group_sale_manager", context=ctx
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Rpc client", "is_company": True, "user_id": cls.leaver.id}
        )
        cls.wizard = (
            cls.env["crm.access.handover"]
            .with_user(cls.manager)
            .create({"from_user_id": cls.leaver.id, "target_user_id": cls.salesman.id})
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.salesman)
            ._generate(scope="rpc", name="handover", expiration_date=datetime.now() + timedelta(1))
        )

    def _rpc(self, model, method, **params):
        return json2(self, self.key, model, method, **params)

    def test_salesman_cannot_hand_work_over(self):
        for method in ("action_handover", "action_preview"):
            status, body = self._rpc("crm.access.handover", method, ids=self.wizard.ids)
            self.assertEqual(status, 403, method)
            self.assertEqual(body["name"], "odoo.exceptions.AccessError")
        status, body = self._rpc(
            "crm.access.handover",
            "create",
            vals_list=[{"from_user_id": self.leaver.id, "target_user_id": self.salesman.id}],
        )
        self.assertEqual(status, 403)
        self.assertEqual(self.client.user_id, self.leaver)
