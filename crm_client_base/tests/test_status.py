from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClientStatus(TransactionCase):
    """Client work statuses set by the consultant's rules, each change kept with its date and
    reason (Правила установки статусов работы с клиентами)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env, "status_consultant", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, "status_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        Status = cls.env["crm.client.status"].with_user(cls.consultant)
        cls.active, cls.dormant, cls.potential = (
            Status.create({"name": name}) for name in ("Активный", "Спящий", "Потенциальный")
        )
        Rule = cls.env["crm.client.status.rule"].with_user(cls.consultant)
        Rule.search([]).unlink()  # the demo's rules
        Rule.create(
            [
                {"name": "Нет заказов 180 дней", "sequence": 1, "status_id": cls.dormant.id,
                 "domain": "[('order_count', '>', 0)]", "silent_days": 180},
                {"name": "Есть заказы", "sequence": 2, "status_id": cls.active.id,
                 "domain": "[('order_count', '>', 0)]"},
                {"name": "Все остальные", "sequence": 3, "status_id": cls.potential.id},
            ]
        )  # fmt: skip
        cls.clients = {}
        for name, orders, days in (("Завод", 3, 10), ("Склад", 2, 200), ("Лавка", 0, None)):
            partner = cls.env["res.partner"].create(
                {"name": name, "is_company": True, "user_id": cls.salesman.id}
            )
            cls.env["crm.client.indicator"].create(
                {"partner_id": partner.id, "company_id": cls.company.id, "order_count": orders,
                 "last_order_date": days and cls.today - timedelta(days=days)}
            )  # fmt: skip
            cls.clients[name] = partner

    def apply(self):
        self.env["crm.client.status.rule"]._client_apply(self.company, today=self.today)

    def test_the_first_rule_met_gives_the_status_and_each_change_is_kept(self):
        self.apply()
        statuses = {name: p.client_status_id for name, p in self.clients.items()}
        self.assertEqual(
            statuses, {"Завод": self.active, "Склад": self.dormant, "Лавка": self.potential}
        )
        plant = self.clients["Завод"]
        self.assertEqual(plant.client_status_history_ids.rule_id.name, "Есть заказы")
        self.apply()  # nothing changed: no new history
        self.assertEqual(len(plant.client_status_history_ids), 1)
        # the plant stops buying: dormant, with the rule that said so
        plant.client_indicator_ids.last_order_date = self.today - timedelta(days=300)
        self.apply()
        self.assertEqual(plant.client_status_id, self.dormant)
        change = self.env["crm.client.status.history"].search(
            [("partner_id", "=", plant.id)], limit=1
        )
        self.assertEqual((change.old_status_id, change.status_id), (self.active, self.dormant))
        self.assertEqual(change.rule_id.name, "Нет заказов 180 дней")

    def test_only_the_consultant_writes_and_applies_the_rules(self):
        Rule = self.env["crm.client.status.rule"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            Rule.create({"name": "Мое правило", "status_id": self.active.id})
        with self.assertRaises(AccessError):
            Rule.action_apply_now()
        self.env["crm.client.status.rule"].with_user(self.consultant).action_apply_now()
        history = self.env["crm.client.status.history"].with_user(self.salesman).search([])
        self.assertEqual(
            history.partner_id,
            self.clients["Завод"] | self.clients["Склад"] | self.clients["Лавка"],
        )

    def test_conditions_go_through_no_relation(self):
        with self.assertRaisesRegex(
            ValidationError, "partner_id.user_id.login is not an indicator"
        ):
            self.env["crm.client.status.rule"].with_user(self.consultant).create(
                {"name": "Подглядывание", "status_id": self.active.id,
                 "domain": "[('partner_id.user_id.login', '=', 'admin')]"}
            )  # fmt: skip

    def test_conditions_that_cannot_be_read_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "its conditions cannot be read"):
            self.env["crm.client.status.rule"].with_user(self.consultant).create(
                {"name": "Плохое", "status_id": self.active.id, "domain": "[('order_count', '>'"}
            )
