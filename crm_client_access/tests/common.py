import json
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


def json2(case, api_key, model, method, **params):
    """Call ``model.method`` over /json/2 with a user's API key: (HTTP status, answer)."""
    with mute_logger("odoo.http", "odoo.addons.rpc.controllers.json2"):
        response = case.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"},
        )
    return response.status_code, response.json()


class AccessCase(TransactionCase):
    """A department tree and its people (issue 24):

    Sales (head: director)
      Moscow (head: head_msk)      members: s_msk
        Moscow-1 (head: none)      members: s_msk1
      St Petersburg (head: head_spb)  members: s_spb
    A team "Moscow team" led by head_msk with s_msk as member; a sales administrator; a
    salesman of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ctx = {"no_reset_password": True}
        group = "sales_team.group_sale_salesman"

        def user(login, name, groups=group, **kw):
            return new_test_user(cls.env, login, groups=groups, name=name, context=ctx, **kw)

        cls.director = user("ca_director", "Директор Продаж")
        cls.head_msk = user("ca_head_msk", "Руководитель Москва")
        cls.head_spb = user("ca_head_spb", "Руководитель СПб")
        cls.s_msk = user("ca_s_msk", "Менеджер Москва")
        cls.s_msk1 = user("ca_s_msk1", "Менеджер Москва-1")
        cls.s_spb = user("ca_s_spb", "Менеджер СПб")
        cls.admin_sales = user(
            "ca_admin", "Администратор Продаж", groups="sales_team.group_sale_manager"
        )
        cls.company2 = cls.env["res.company"].create({"name": "Другая компания"})
        cls.s_other = user(
            "ca_s_other",
            "Менеджер Другой",
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
        )
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        emp = {
            u: Employee.create({"name": u.name, "user_id": u.id})
            for u in (cls.director, cls.head_msk, cls.head_spb, cls.s_msk, cls.s_msk1, cls.s_spb)
        }
        cls.employees = emp
        cls.dep_sales = Department.create({"name": "Продажи", "manager_id": emp[cls.director].id})
        cls.dep_msk = Department.create(
            {"name": "Москва", "parent_id": cls.dep_sales.id, "manager_id": emp[cls.head_msk].id}
        )
        cls.dep_msk1 = Department.create({"name": "Москва-1", "parent_id": cls.dep_msk.id})
        cls.dep_spb = Department.create(
            {"name": "СПб", "parent_id": cls.dep_sales.id, "manager_id": emp[cls.head_spb].id}
        )
        for u, dep in (
            (cls.director, cls.dep_sales),
            (cls.head_msk, cls.dep_msk),
            (cls.s_msk, cls.dep_msk),
            (cls.s_msk1, cls.dep_msk1),
            (cls.head_spb, cls.dep_spb),
            (cls.s_spb, cls.dep_spb),
        ):
            emp[u].department_id = dep
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Команда Москва",
                "user_id": cls.head_msk.id,
                "member_ids": [(6, 0, cls.s_msk.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        Lead = cls.env["crm.lead"]
        cls.clients, cls.leads = {}, {}
        for u in (cls.head_msk, cls.s_msk, cls.s_msk1, cls.s_spb, cls.director):
            cls.clients[u] = Partner.create(
                {
                    "name": f"Клиент ({u.name})",
                    "is_company": True,
                    "user_id": u.id,
                    "company_id": cls.env.company.id,
                }
            )
            cls.leads[u] = Lead.create(
                {
                    "name": f"Интерес ({u.name})",
                    "type": "opportunity",
                    "user_id": u.id,
                    "team_id": False,
                    "partner_id": cls.clients[u].id,
                }
            )
        cls.company = cls.env.company
        cls.company.crm_access_clients = True  # the client cards themselves are restricted

    def set_scope(self, scope):
        self.company.crm_access_scope = scope

    def seen(self, user, model="crm.lead", records=None):
        """The records of ``records`` (default: every test lead) the user finds by search."""
        records = (
            records
            if records is not None
            else self.env[model].browse([lead.id for lead in self.leads.values()])
        )
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def owners(self, user, model="crm.lead"):
        return set(self.seen(user, model).mapped("user_id").ids)

    def absence_of(self, user, deputy, kind="all", by=None, days=7):
        """A confirmed absence of ``user`` that began an hour ago, ``deputy`` standing in."""
        now = fields.Datetime.now()
        absence = (
            self.env["crm.access.absence"]
            .with_user(by or self.admin_sales)
            .create(
                {
                    "user_id": user.id,
                    "date_from": now - timedelta(hours=1),
                    "date_to": now + timedelta(days=days),
                    "line_ids": [(0, 0, {"kind": kind, "deputy_id": deputy.id})],
                }
            )
        )
        absence.action_confirm()
        return absence
