from odoo.tests import HttpCase, tagged

from .common import AccessCase


@tagged("post_install", "-at_install")
class TestClientAccessTour(AccessCase, HttpCase):
    def test_the_head_opens_his_subordinates_interest(self):
        self.set_scope("department")
        self.start_tour(
            "/odoo/action-crm.crm_lead_opportunities",
            "crm_client_access_head_tour",
            login=self.head_msk.login,
        )
        lead = self.leads[self.s_msk1]
        note = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id),
             ("body", "ilike", "Проверил интерес подчинённого")]
        )  # fmt: skip
        self.assertEqual(note.author_id, self.head_msk.partner_id)
