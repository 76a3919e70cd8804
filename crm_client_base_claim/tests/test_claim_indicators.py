from odoo import fields
from odoo.addons.crm_client_base.tests.test_indicators_common import ClientBaseCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestClaimIndicators(ClientBaseCase):
    """The client's claims count among his indicators: all of them and the open ones; the
    salesman reads his own client's, not another's."""

    def claim(self, partner, **values):
        return self.env["crm.claim"].create(
            {"name": "Поцарапанный стол", "partner_id": partner.id, **values}
        )

    def test_the_indicators_count_the_client_s_claims(self):
        self.claim(self.contact)  # a claim of his contact person is the client's
        done = self.claim(self.client)
        done.write({"resolution": "Стол заменен", "state": "satisfied"})
        self.claim(self.other_client)
        self._refresh(self.today())
        Indicator = self.env["crm.client.indicator"].with_user(self.salesman)
        mine = Indicator.search([("partner_id", "=", self.client.id)])
        self.assertEqual((mine.claim_count, mine.open_claim_count), (2, 1))
        self.assertFalse(Indicator.search([("partner_id", "=", self.other_client.id)]))
        # the claim is closed: the next refresh follows
        self.env["crm.claim"].search([("partner_id", "=", self.contact.id)]).write(
            {"resolution": "Скидка", "state": "not_satisfied"}
        )
        self._refresh(self.today())
        self.assertEqual((mine.claim_count, mine.open_claim_count), (2, 0))

    def today(self):
        return fields.Date.context_today(self.env["crm.client.indicator"])
