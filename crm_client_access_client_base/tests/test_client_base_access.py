from odoo.addons.crm_client_access.tests.common import AccessCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestClientBaseAccess(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Indicator = cls.env["crm.client.indicator"]
        cls.indicators = Indicator.create(
            [
                {"partner_id": cls.clients[u].id, "company_id": cls.company.id, "turnover": 100}
                for u in (cls.s_msk, cls.s_msk1, cls.s_spb)
            ]
        )
        cls.events = cls.env["crm.client.event"].create(
            [
                {"name": "Годовщина", "partner_id": cls.clients[u].id, "date": "2030-05-01",
                 "user_id": u.id, "company_id": cls.company.id}
                for u in (cls.s_msk1, cls.s_spb)
            ]
        )  # fmt: skip

    def owners(self, user, records):
        found = self.env[records._name].with_user(user).search([("id", "in", records.ids)])
        return set(found.partner_id.user_id.ids)

    def test_the_head_reads_his_departments_client_figures(self):
        self.set_scope("department")
        self.assertEqual(
            self.owners(self.head_msk, self.indicators), {self.s_msk.id, self.s_msk1.id}
        )
        self.assertEqual(self.owners(self.director, self.indicators),
                         {self.s_msk.id, self.s_msk1.id, self.s_spb.id})  # fmt: skip
        self.assertEqual(self.owners(self.s_msk1, self.indicators), {self.s_msk1.id})
        self.assertEqual(self.owners(self.head_msk, self.events), {self.s_msk1.id})

    def test_own_only_cuts_the_team_leader(self):
        self.set_scope("team")
        self.assertEqual(self.owners(self.head_msk, self.indicators), {self.s_msk.id})
        self.set_scope("own")
        self.assertFalse(self.owners(self.head_msk, self.indicators))
