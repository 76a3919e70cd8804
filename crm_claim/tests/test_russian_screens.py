from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRussianScreens(HttpCase):
    """A Russian salesman goes through the board, the reports and the lists of interests,
    interactions, calls and claims at 1440 px (crm_claim_russian_tour): no column title is
    cut, no short value is cut, no English word shows. crm_claim is the addon that has
    interests, interactions and claims together."""

    browser_size = "1440x900"

    def test_russian_lists_and_reports(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        self.env["ir.module.module"]._load_module_terms(installed.mapped("name"), ["ru_RU"])
        salesman = new_test_user(
            self.env,
            "russian_screens_salesman",
            groups="sales_team.group_sale_salesman,crm_claim.group_crm_claim_user",
            name="Иван Продавцов",
            lang="ru_RU",
        )
        scenario = self.env["crm.interest.scenario"].create(
            {
                "name": "Продажа мебели",
                "process_kind": "manual",
                "stage_ids": [
                    Command.create({"name": "Первичный контакт", "sequence": 6001}),
                    Command.create({"name": "Коммерческое предложение", "sequence": 6002}),
                    Command.create({"name": "Выигран", "sequence": 6003, "is_won": True}),
                ],
            }
        )
        first, offer = scenario.stage_ids.sorted("sequence")[:2]
        self.env["crm.team"].create(
            {
                "name": "Отдел продаж мебели",
                "member_ids": [Command.set(salesman.ids)],
                "interest_scenario_id": scenario.id,
            }
        )
        client = self.env["res.partner"].create(
            {"name": "ООО Ромашка", "is_company": True, "user_id": salesman.id}
        )
        competitor = self.env["res.partner"].create(
            {"name": "ООО Конкурент", "is_company": True, "is_competitor": True}
        )
        reason = self.env["crm.lost.reason"].create({"name": "Дорого"})
        Lead = self.env["crm.lead"].with_user(salesman)
        Lead.create(
            {
                "name": "Столы для Ромашки",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": salesman.id,
                "scenario_id": scenario.id,
                "stage_id": offer.id,
                "expected_revenue": 150000,
                "date_deadline": fields.Date.today() + timedelta(days=20),
            }
        )
        lost = Lead.create(
            {
                "name": "Стулья для Ромашки",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": salesman.id,
                "scenario_id": scenario.id,
                "stage_id": first.id,
                "expected_revenue": 40000,
            }
        )
        lost.action_set_lost(lost_reason_id=reason.id, lost_competitor_id=competitor.id)
        Interaction = self.env["crm.interaction"].with_user(salesman)
        for kind, name in (("call", "Звонок о доставке"), ("meeting", "Встреча в офисе")):
            Interaction.create(
                {
                    "name": name,
                    "kind": kind,
                    "partner_id": client.id,
                    "user_id": salesman.id,
                    "review_date": fields.Date.today() - timedelta(days=1),
                }
            )
        self.env["crm.claim"].with_user(salesman).create(
            {
                "subject": "Стол пришёл поцарапанным",
                "partner_id": client.id,
                "user_id": salesman.id,
                "deadline": fields.Date.today() + timedelta(days=5),
            }
        )
        self.env["crm.control.task"].create(
            {
                "control": "contact",
                "user_id": salesman.id,
                "date_deadline": fields.Date.today() + timedelta(days=3),
                "line_ids": [Command.create({"partner_id": client.id})],
            }
        )
        self.start_tour(
            "/odoo/action-crm_interest.crm_lead_action_my_sales",
            "crm_claim_russian_tour",
            login="russian_screens_salesman",
        )
