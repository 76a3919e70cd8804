from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ClaimCase


@tagged("post_install", "-at_install")
class TestClaimAccess(ClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interest = cls.env["crm.lead"].create(
            {
                "name": "Chairs for Vasilek",
                "type": "opportunity",
                "partner_id": cls.client2.id,
                "user_id": cls.salesman.id,
            }
        )
        # Ivan's client, Ivan responsible
        cls.own = cls._claim()
        # Ivan's client, Petr responsible: both see it
        cls.assigned = cls._claim(user_id=cls.salesman2.id)
        # Petr's client, manager responsible, about Ivan's interest: both see it
        cls.on_interest = cls._claim(
            partner_id=cls.client2.id, lead_id=cls.interest.id, user_id=cls.manager.id
        )
        # Petr's client, manager responsible: Petr only
        cls.petrs = cls._claim(partner_id=cls.client2.id, user_id=cls.manager.id)
        cls.all = cls.own | cls.assigned | cls.on_interest | cls.petrs

    def _visible(self, user):
        return self.env["crm.claim"].with_user(user).search([("id", "in", self.all.ids)])

    def test_groups(self):
        self.assertTrue(self.salesman.has_group("crm_claim.group_crm_claim_user"))
        self.assertFalse(self.salesman.has_group("crm_claim.group_crm_claim_manager"))
        self.assertTrue(self.manager.has_group("crm_claim.group_crm_claim_manager"))

    def test_salesmen_see_their_clients_and_assigned_claims(self):
        self.assertEqual(self._visible(self.salesman), self.own | self.assigned | self.on_interest)
        self.assertEqual(
            self._visible(self.salesman2), self.assigned | self.on_interest | self.petrs
        )
        with self.assertRaises(AccessError):
            self.petrs.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesman2).write({"description": "Sneaky"})
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesman).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.claim.reason"].with_user(self.salesman).create({"name": "Mine"})
        # the client card counts only what the salesman may see
        self.assertEqual(self.client2.with_user(self.salesman).claim_count, 1)

    def test_salesman_works_on_his_claim(self):
        claim = (
            self.env["crm.claim"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "description": "Late delivery",
                    "department_id": self.department.id,
                    "employee_id": self.worker.id,
                }
            )
        )
        self.assertEqual(claim.user_id, self.salesman)
        self.assertIn(self.quality_user.partner_id, claim.message_partner_ids)
        claim.write({"resolution": "Delivered with a discount"})
        claim.action_set_satisfied()
        self.assertEqual(claim.state, "satisfied")
        claim.action_reopen()
        self.assertEqual(claim.state, "processing")

    def test_manager_sees_all(self):
        self.assertEqual(self._visible(self.manager), self.all)
        self.env["crm.claim.reason"].with_user(self.manager).create({"name": "Packaging"})
        self.petrs.with_user(self.manager).unlink()
        self.assertFalse(self.petrs.exists())

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        manager2 = new_test_user(
            self.env,
            "claim_manager_other",
            groups="sales_team.group_sale_manager",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        self.assertFalse(self._visible(manager2))
        claim = self._claim(company_id=other_company.id, partner_id=self.client2.id)
        self.assertEqual(
            self.env["crm.claim"].with_user(manager2).search([("id", "in", claim.ids)]), claim
        )
        self.assertFalse(
            self.env["crm.claim"].with_user(self.manager).search([("id", "in", claim.ids)])
        )
