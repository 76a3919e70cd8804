"""Client visibility over JSON-RPC, as the users themselves (issue 24)."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import AccessCase, json2


@tagged("post_install", "-at_install")
class TestAccessRpc(AccessCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_access_scope = "department"
        cls.calls = cls.env["crm.interaction"].create(
            [
                {"name": f"Звонок ({u.name})", "partner_id": cls.clients[u].id, "user_id": u.id}
                for u in (cls.s_msk1, cls.s_spb)
            ]
        )
        expiration = datetime.now() + timedelta(days=0.5)
        cls.keys = {
            u: cls.env["res.users.apikeys"]
            .with_user(u)
            ._generate(scope="rpc", name="client access", expiration_date=expiration)
            for u in (cls.s_msk1, cls.head_msk, cls.director, cls.s_other, cls.s_msk)
        }

    def rpc(self, user, model, method, **params):
        return json2(self, self.keys[user], model, method, **params)

    def owners_over_rpc(self, user, model, records, field="user_id"):
        status, rows = self.rpc(
            user, model, "search_read", domain=[("id", "in", records.ids)], fields=[field]
        )
        self.assertEqual(status, 200, rows)
        return {row[field][0] for row in rows if row[field]}

    def test_each_user_reads_what_his_place_in_the_tree_gives(self):
        leads = self.env["crm.lead"].browse([lead.id for lead in self.leads.values()])
        clients = self.env["res.partner"].browse([c.id for c in self.clients.values()])
        ids = lambda *users: {u.id for u in users}  # noqa: E731
        expected = {
            self.s_msk1: ids(self.s_msk1),
            self.head_msk: ids(self.head_msk, self.s_msk, self.s_msk1),
            self.director: ids(self.director, self.head_msk, self.s_msk, self.s_msk1, self.s_spb),
            self.s_other: set(),
        }
        for user, owners in expected.items():
            with self.subTest(user=user.name):
                self.assertEqual(self.owners_over_rpc(user, "crm.lead", leads), owners)
                self.assertEqual(self.owners_over_rpc(user, "res.partner", clients), owners)
                self.assertEqual(
                    self.owners_over_rpc(user, "crm.interaction", self.calls),
                    owners & ids(self.s_msk1, self.s_spb),
                )
        # reading another department's interest by id is refused, as is writing it
        status, body = self.rpc(
            self.head_msk, "crm.lead", "read", ids=self.leads[self.s_spb].ids, fields=["name"]
        )
        self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
        status, body = self.rpc(
            self.head_msk, "crm.lead", "write", ids=self.leads[self.s_spb].ids, vals={"name": "x"}
        )
        self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
        self.assertNotEqual(self.leads[self.s_spb].name, "x")

    def test_the_rules_columns_are_not_written_by_hand(self):
        """A salesman writing his client's key (to -1: every user would read the card) or
        his interest's "client of another salesperson" over RPC is refused; nothing
        changes."""
        client, lead = self.clients[self.s_msk1], self.leads[self.s_msk1]
        key, flag = client.crm_access_card_key, lead.crm_access_client_elsewhere
        for model, record, vals in (
            ("res.partner", client, {"crm_access_card_key": -1}),
            ("crm.lead", lead, {"crm_access_client_elsewhere": True}),
        ):
            status, body = self.rpc(self.s_msk1, model, "write", ids=record.ids, vals=vals)
            self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
        self.env.invalidate_all()
        self.assertEqual(client.crm_access_card_key, self.s_msk1.id)
        self.assertEqual(
            (client.crm_access_card_key, lead.crm_access_client_elsewhere), (key, flag)
        )
        self.assertNotIn(client, self.seen(self.s_spb, "res.partner", client))

    def test_a_deputy_over_rpc_during_and_after_the_absence(self):
        now = fields.Datetime.now()
        absence = self.env["crm.access.absence"].create(
            {
                "user_id": self.s_spb.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "line_ids": [(0, 0, {"kind": "all", "deputy_id": self.s_msk.id})],
            }
        )
        absence.action_confirm()
        lead = self.leads[self.s_spb]
        status, rows = self.rpc(self.s_msk, "crm.lead", "read", ids=lead.ids, fields=["name"])
        self.assertEqual((status, rows[0]["name"]), (200, lead.name))
        # the deputy cannot stretch his own deputyship
        status, body = self.rpc(
            self.s_msk, "crm.access.absence", "write", ids=absence.ids,
            vals={"date_to": fields.Datetime.to_string(now + timedelta(days=30))},
        )  # fmt: skip
        self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
        absence.action_cancel()
        status, body = self.rpc(self.s_msk, "crm.lead", "read", ids=lead.ids, fields=["name"])
        self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
