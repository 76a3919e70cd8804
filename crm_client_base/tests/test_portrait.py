from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortrait(TransactionCase, CronRunMixin):
    """The consultant describes the typical client; every client gets a score and a sales
    potential, the director sees the quality of the base month by month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env, "portrait_consultant", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, "portrait_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.other = new_test_user(
            cls.env, "portrait_other", groups="sales_team.group_sale_salesman"
        )
        cls.env.company.client_point_value = 10000
        cls.factory = cls.env["res.partner.industry"].create({"name": "Производство"})
        cls.shop = cls.env["res.partner.industry"].create({"name": "Розничная торговля"})
        cls.key = cls.env["res.partner.category"].create({"name": "Ключевой"})
        field = cls.env["ir.model.fields"]._get
        cls.env["crm.client.portrait.line"].search([]).unlink()  # the demo's portrait
        Line = cls.env["crm.client.portrait.line"].with_user(cls.consultant)
        cls.industry_line = Line.create(
            {"field_id": field("res.partner", "industry_id").id, "weight": 2,
             "value_ids": [(0, 0, {"value": "производство", "points": 5}),
                           (0, 0, {"value": "Розничная торговля", "points": 1})]}
        )  # fmt: skip
        Line.create(
            {"field_id": field("res.partner", "category_id").id, "weight": 1,
             "value_ids": [(0, 0, {"value": "Ключевой", "points": 3})]}
        )  # fmt: skip
        Line.create(
            {"field_id": field("res.partner", "credit_limit").id, "weight": 1,
             "value_ids": [(0, 0, {"min_value": 0, "max_value": 1000000, "points": 1}),
                           (0, 0, {"min_value": 1000000, "points": 4})]}
        )  # fmt: skip

    def client(self, **values):
        # the credit limit is the accountants' to set; the salesman has the card then
        client = self.env["res.partner"].create(
            {"name": "Client", "is_company": True, "user_id": self.salesman.id, **values}
        )
        return client.with_user(self.salesman)

    def test_a_client_s_potential_comes_from_his_portrait(self):
        plant = self.client(
            name="Завод", industry_id=self.factory.id, category_id=[(6, 0, self.key.ids)],
            credit_limit=2000000, phone="+7 495 123-45-67",
        )  # fmt: skip
        self.assertEqual(plant.client_portrait_score, 2 * 5 + 3 + 4)
        self.assertEqual(plant.client_potential, 170000)
        self.assertTrue(plant.client_portrait_complete)
        # the salesman changes the card: the score follows at once
        plant.industry_id = self.shop
        self.assertEqual(plant.client_portrait_score, 2 * 1 + 3 + 4)
        shop = self.client(name="Лавка", industry_id=self.shop.id)
        self.assertEqual(shop.client_portrait_score, 2)
        self.assertFalse(shop.client_portrait_complete, "no tags, no credit limit")
        # the consultant revalues an industry: the nightly run (started at once) follows
        self.industry_line.value_ids.filtered(lambda v: v.points == 1).with_user(
            self.consultant
        ).points = 2
        self.env["res.partner"]._cron_client_base_portrait()
        self.assertEqual(shop.client_portrait_score, 4)
        self.assertEqual(shop.client_potential, 40000)

    def test_only_the_consultant_describes_the_portrait(self):
        with self.assertRaises(AccessError):
            self.industry_line.with_user(self.salesman).weight = 10

    def test_the_properties_control_offers_the_portrait_fields(self):
        form = Form(self.env["crm.control.task.plan"].with_user(self.consultant))
        form.control = "properties"
        self.assertEqual(
            set(form.property_field_ids[:].mapped("name")),
            {"industry_id", "category_id", "credit_limit"},
        )

    def test_the_quality_of_the_base_is_kept_month_by_month(self):
        self.client(
            name="Завод", industry_id=self.factory.id, category_id=[(6, 0, self.key.ids)],
            credit_limit=2000000, phone="+7 495 123-45-67",
        )  # fmt: skip
        self.client(name="Лавка", industry_id=self.shop.id, email="shop@example.com")
        Quality = self.env["crm.client.quality"]
        Quality._measure()
        mine = Quality.with_user(self.salesman).search([])
        self.assertEqual(mine.user_id, self.salesman, "a salesman reads his own row")
        self.assertEqual((mine.clients, mine.good, mine.quality), (2, 1, 50.0))
        self.assertFalse(Quality.with_user(self.other).search([("user_id", "=", self.salesman.id)]))
        # measured again in the same month: the row is replaced, not doubled
        self.client(name="Склад", email="stock@example.com")
        Quality.with_user(self.consultant).action_measure_now()
        mine = Quality.with_user(self.salesman).search([])
        self.assertEqual((len(mine), mine.clients, mine.good), (1, 3, 1))
        with self.assertRaises(AccessError):
            Quality.with_user(self.salesman).action_measure_now()

    def test_a_value_matches_in_any_language_of_the_base(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        plant = self.env["res.partner.industry"].create({"name": "Plant"})
        plant.update_field_translations("name", {"ru_RU": "Завод"})
        # the Russian consultant writes the industry as he reads it
        self.industry_line.with_user(self.consultant).value_ids = [
            (0, 0, {"value": "Завод", "points": 7})
        ]
        client = self.client(name="Завод №1", industry_id=plant.id)
        self.assertEqual(client.client_portrait_score, 2 * 7)

    def test_portrait_cron_stopped_after_a_batch_goes_on_where_it_stopped(self):
        shops = self.client(name="Лавка", industry_id=self.shop.id) | self.client(
            name="Киоск", industry_id=self.shop.id
        )
        self.assertEqual(shops.mapped("client_portrait_score"), [2, 2])
        self.industry_line.value_ids.filtered(lambda v: v.points == 1).points = 2
        Partner = self.env["res.partner"].with_context(active_test=False)
        clients = Partner.search([("parent_id", "=", False)], order="id")
        xmlid = "crm_client_base.ir_cron_client_portrait"
        self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, len(clients) - 1))
        self.assertEqual(self.cron_resume_point("client_portrait"), clients[0].id)
        self.assertEqual(shops.mapped("client_portrait_score"), [2, 2], "not rescored yet")
        self.assertEqual(self.run_cron(xmlid, batch_size=2), (len(clients) - 1, 0))
        self.assertEqual(shops.mapped("client_portrait_score"), [4, 4])
        self.assertEqual(self.cron_resume_point("client_portrait"), 0)
