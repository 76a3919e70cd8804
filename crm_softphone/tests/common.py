import json

from odoo.fields import Command
from odoo.tests import new_test_user

from ..pure import calls


class SoftphoneCommon:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.ru = env.ref("base.ru")
        env.company.country_id = cls.ru
        cls.salesman = new_test_user(
            env, "sp_salesman", groups="sales_team.group_sale_salesman", name="Sam Seller"
        )
        cls.other = new_test_user(
            env, "sp_other", groups="sales_team.group_sale_salesman", name="Olga Other"
        )
        cls.manager = new_test_user(
            env, "sp_manager", groups="sales_team.group_sale_manager", name="Max Manager"
        )
        cls.pbx = env["crm.softphone.pbx"].create(
            {
                "name": "Office",
                "kind": "ami",
                "host": "127.0.0.1",
                "token": "secret-token",
                "extension_ids": [
                    Command.create({"name": "201", "user_id": cls.salesman.id}),
                    Command.create({"name": "202", "user_id": cls.other.id}),
                ],
            }
        )
        cls.client = env["res.partner"].create(
            {
                "name": "Romashka LLC",
                "is_company": True,
                "phone": "8 (495) 123-45-67",
                "user_id": cls.salesman.id,
                "country_id": cls.ru.id,
            }
        )
        cls.contact = env["res.partner"].create(
            {"name": "Ivan Petrov", "parent_id": cls.client.id, "phone": "+7 916 123 45 67"}
        )
        cls.lead = env["crm.lead"].create(
            {
                "name": "Desks for Romashka",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.salesman.id,
                "expected_revenue": 5000,
            }
        )
        cls.result = env.ref("crm_softphone.crm_softphone_result_agreed")

    def ingest(self, *events):
        return self.pbx.softphone_ingest(calls.check_body({"events": list(events)}))

    @staticmethod
    def ev(call_id, kind, second, **extra):
        minute, second = divmod(second, 60)
        return {
            "call_id": call_id,
            "event": kind,
            "time": f"2026-11-23T10:{minute:02d}:{second:02d}Z",
            **extra,
        }

    def call(self, call_id):
        return self.env["crm.interaction"].search(
            [("softphone_pbx_id", "=", self.pbx.id), ("call_uid", "=", call_id)]
        )

    def incoming(self, call_id, number, extension="201", answered=True, talk=60):
        events = [
            self.ev(call_id, "ring", 0, **{"from": number, "to": "4950000000"}),
            self.ev(call_id, "ring", 1, extension=extension),
        ]
        if answered:
            events.append(self.ev(call_id, "answer", 5, extension=extension))
        events.append(self.ev(call_id, "hangup", 5 + talk if answered else 30))
        return events

    def popups(self):
        """{user: [payload, ...]} of the popup notifications sent since the last call."""
        self.env.cr.precommit.run()  # the bus writes its notifications before the commit
        Bus = self.env["bus.bus"].sudo()
        users = self._popup_users()
        by_partner = {user.partner_id.id: user for user in users}
        found = {}
        for message in Bus.search([], order="id"):
            notification = json.loads(message.message)
            if notification["type"] != "crm_softphone/incoming_call":
                continue
            partner_id = json.loads(message.channel)[-1]
            found.setdefault(by_partner.get(partner_id, partner_id), []).append(
                notification["payload"]
            )
        Bus.search([]).unlink()
        return found

    def _popup_users(self):
        """The users whose popups ``popups`` names (others by their partner id)."""
        return self.salesman | self.other | self.manager
