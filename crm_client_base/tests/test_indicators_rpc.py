"""Client indicators over JSON-RPC: the salesman reads his own clients' only, refreshing and
classifying are the consultant's (issue 23)."""

import json
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestIndicatorsRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {"no_reset_password": True}
        group = "sales_team.group_sale_salesman"
        cls.salesman = new_test_user(cls.env, "cb_rpc_salesman", groups=group, context=ctx)
        cls.salesman2 = new_test_user(cls.env, "cb_rpc_salesman2", groups=group, context=ctx)
        cls.consultant = new_test_user(
            cls.env, "cb_rpc_consultant", groups="sales_team.group_sale_manager", context=ctx
        )
        Partner = cls.env["res.partner"]
        cls.mine = Partner.create({"name": "Rpc mine", "is_company": True,
                                   "user_id": cls.salesman.id})  # fmt: skip
        cls.others = Partner.create({"name": "Rpc others", "is_company": True,
                                     "user_id": cls.salesman2.id})  # fmt: skip
        Indicator = cls.env["crm.client.indicator"]
        for partner, turnover in ((cls.mine, 100.0), (cls.others, 900.0)):
            Indicator.create(
                {"partner_id": partner.id, "company_id": cls.env.company.id, "turnover": turnover}
            )
        expiration = datetime.now() + timedelta(days=0.5)
        cls.keys = {
            user: cls.env["res.users.apikeys"]
            .with_user(user)
            ._generate(scope="rpc", name="client base", expiration_date=expiration)
            for user in (cls.salesman, cls.consultant)
        }

    def _rpc(self, user, model, method, **params):
        with mute_logger("odoo.http", "odoo.addons.rpc.controllers.json2"):
            response = self.url_open(
                f"/json/2/{model}/{method}",
                data=json.dumps(params),
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {self.keys[user]}",
                },
            )
        return response.status_code, response.json()

    def test_salesman_reads_his_clients_indicators_only(self):
        status, rows = self._rpc(
            self.salesman,
            "crm.client.indicator",
            "search_read",
            domain=[("partner_id", "in", (self.mine | self.others).ids)],
            fields=["partner_id", "turnover"],
        )
        self.assertEqual(status, 200)
        self.assertEqual([(r["partner_id"][0], r["turnover"]) for r in rows],
                         [(self.mine.id, 100.0)])  # fmt: skip
        others = self.env["crm.client.indicator"].search([("partner_id", "=", self.others.id)])
        status, body = self._rpc(
            self.salesman, "crm.client.indicator", "read", ids=others.ids, fields=["turnover"]
        )
        self.assertEqual(status, 403)
        self.assertEqual(body["name"], "odoo.exceptions.AccessError")

    def test_only_the_consultant_classifies(self):
        settings = self.env["crm.client.class.settings"]._for_company(self.env.company)
        before = self.env["crm.client.class.run"].search([])  # the demo's run, if loaded
        status, body = self._rpc(
            self.salesman, "crm.client.class.settings", "action_classify", ids=settings.ids
        )
        self.assertEqual(status, 403)
        self.assertEqual(body["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.env["crm.client.class.run"].search([]), before)
        status, body = self._rpc(
            self.consultant, "crm.client.class.settings", "action_classify", ids=settings.ids
        )
        self.assertEqual(status, 200)
        run = self.env["crm.client.class.run"].search([]) - before
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.date_to, date.today().replace(day=1) - timedelta(days=1))
        self.assertEqual(body["res_model"], "crm.client.class.line")
