from datetime import timedelta

from odoo import fields
from odoo.addons.crm_client_access.tests.common import AccessCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestClaimAccess(AccessCase):
    """Claims under the department tree (see AccessCase) and during an absence of Moscow-1's
    salesman."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Claim = cls.env["crm.claim"]
        cls.claims = {
            u: Claim.create(
                {
                    "subject": f"Претензия ({u.name})",
                    "partner_id": cls.clients[u].id,
                    "user_id": u.id,
                }
            )
            for u in (cls.s_msk1, cls.s_spb, cls.head_msk)
        }
        # Moscow-1's salesman is responsible for a claim of the director's client
        cls.claim_of_other_client = Claim.create(
            {
                "subject": "Претензия клиента директора",
                "partner_id": cls.clients[cls.director].id,
                "user_id": cls.s_msk1.id,
            }
        )
        cls.all_claims = Claim.browse([c.id for c in cls.claims.values()])
        cls.all_claims |= cls.claim_of_other_client

    def seen_claims(self, user):
        return self.seen(user, "crm.claim", self.all_claims)

    def test_department_scope_and_the_claim_manager(self):
        self.set_scope("department")
        c = self.claims
        self.assertEqual(self.seen_claims(self.s_msk1), c[self.s_msk1] | self.claim_of_other_client)
        self.assertEqual(
            self.seen_claims(self.head_msk),
            c[self.s_msk1] | c[self.head_msk] | self.claim_of_other_client,
        )
        self.assertEqual(self.seen_claims(self.head_spb), c[self.s_spb])
        self.assertEqual(self.seen_claims(self.s_spb), c[self.s_spb])
        self.assertEqual(self.seen_claims(self.director), self.all_claims)
        self.assertEqual(self.seen_claims(self.admin_sales), self.all_claims)  # claim manager
        with self.assertRaises(AccessError):
            c[self.s_msk1].with_user(self.head_spb).read(["subject"])
        # the head handles his subordinate's claim
        c[self.s_msk1].with_user(self.head_msk).write({"subject": "Уточнено руководителем"})
        # "own only" cuts the head's view to his own
        self.set_scope("own")
        self.assertEqual(self.seen_claims(self.head_msk), c[self.head_msk])
        self.assertEqual(self.seen_claims(self.admin_sales), self.all_claims)

    def test_participants_and_the_guilty_departments_manager_still_read(self):
        self.set_scope("own")
        claim = self.claims[self.s_msk1]
        claim.write({"participant_ids": [(4, self.s_spb.id)], "department_id": self.dep_spb.id})
        self.assertIn(claim, self.seen_claims(self.s_spb))  # participant
        self.assertIn(claim, self.seen_claims(self.head_spb))  # the guilty department's head
        claim.with_user(self.head_spb).read(["subject"])
        with self.assertRaises(AccessError):
            claim.with_user(self.s_spb).write({"subject": "чужая"})
        self.assertNotIn(claim, self.seen_claims(self.head_msk))

    def test_the_claims_deputy_during_the_absence_and_not_after(self):
        self.set_scope("department")
        mine, other_client = self.claims[self.s_msk1], self.claim_of_other_client
        absence = self.absence_of(self.s_msk1, self.s_spb, "claims")
        # the claims he is responsible for, whoever's client, and nothing of his sales
        self.assertEqual(
            self.seen_claims(self.s_spb), self.claims[self.s_spb] | mine | other_client
        )
        self.assertNotIn(self.leads[self.s_msk1], self.seen(self.s_spb))
        other_client.with_user(self.s_spb).write({"subject": "Разобрано заместителем"})
        self.assertEqual(other_client.write_uid, self.s_spb)
        # a new activity on the absent user's claim is the claims deputy's
        activity = mine.activity_schedule("mail.mail_activity_data_todo", user_id=self.s_msk1.id)
        self.assertEqual(activity.user_id, self.s_spb)
        # the absence ends: his own again, what the deputy did stays his
        absence.date_to = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.seen_claims(self.s_spb), self.claims[self.s_spb])
        self.assertEqual(other_client.subject, "Разобрано заместителем")
        self.assertEqual(activity.user_id, self.s_spb)

    def test_the_clients_deputy_sees_the_claims_of_his_clients_only(self):
        self.set_scope("department")
        self.absence_of(self.s_msk1, self.s_spb, "sales")
        # the absent user's client's claim, not the claim of the director's client
        self.assertEqual(
            self.seen_claims(self.s_spb), self.claims[self.s_spb] | self.claims[self.s_msk1]
        )

    def test_the_hand_over_gives_the_open_claims(self):
        wizard = (
            self.env["crm.access.handover"]
            .with_user(self.admin_sales)
            .create(
                {"from_user_id": self.s_msk1.id, "mode": "all", "target_user_id": self.s_spb.id}
            )
        )
        wizard.action_handover()
        mine = self.claims[self.s_msk1] | self.claim_of_other_client
        self.assertEqual(set(mine.mapped("user_id").ids), {self.s_spb.id})
        logs = self.env["crm.access.log"].search(
            [
                ("kind", "=", "handover"),
                ("res_model", "=", "crm.claim"),
                ("user_id", "=", self.s_msk1.id),
            ]
        )
        self.assertEqual(set(logs.mapped("res_id")), set(mine.ids))
        self.assertEqual(set(logs.mapped("work_kind")), {"claims"})
        self.assertFalse(self.env["crm.access.handover"]._crm_handover_open_work(self.s_msk1))
