from datetime import date, timedelta

from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.tests import tagged

from .common import ClaimCase


@tagged("post_install", "-at_install")
class TestClaimNotify(ClaimCase, CronRunMixin):
    def _notified(self, claim):
        return claim.message_ids.filtered(lambda m: "needs your attention" in m.body).partner_ids

    def test_responsible_and_department_manager_notified(self):
        claim = self._claim(department_id=self.department.id)
        self.assertEqual(
            self._notified(claim), self.salesman.partner_id | self.quality_user.partner_id
        )
        self.assertLessEqual(
            self.salesman.partner_id | self.quality_user.partner_id,
            claim.message_partner_ids,
        )
        self.assertEqual(
            len(
                claim.message_ids.notification_ids.filtered(
                    lambda n: n.res_partner_id == self.quality_user.partner_id
                )
            ),
            1,
        )
        self.assertNotIn(self.salesman2.partner_id, self._notified(claim))

    def test_new_responsible_and_department_notified(self):
        claim = self._claim()
        self.assertEqual(self._notified(claim), self.salesman.partner_id)
        head2_user = self.salesman2
        self.other_department.manager_id = self.env["hr.employee"].create(
            {"name": "Petr Head", "user_id": head2_user.id}
        )
        before = claim.message_ids
        claim.write({"user_id": self.manager.id, "department_id": self.other_department.id})
        new = (claim.message_ids - before).filtered(lambda m: "needs your attention" in m.body)
        self.assertEqual(new.partner_ids, self.manager.partner_id | head2_user.partner_id)
        # unchanged people are not notified again
        before = claim.message_ids
        claim.write({"description": "More details", "user_id": self.manager.id})
        self.assertFalse(
            (claim.message_ids - before).filtered(lambda m: "needs your attention" in m.body)
        )

    def test_overdue_activity_planned_once(self):
        today = date.today()
        late = self._claim(deadline=today - timedelta(days=1))
        on_time = self._claim(deadline=today + timedelta(days=3))
        closed_late = self._claim(
            deadline=today - timedelta(days=3), resolution="Done", state="satisfied"
        )
        self.assertTrue(late.is_overdue)
        self.assertEqual(
            self.env["crm.claim"].search(
                [("is_overdue", "=", True), ("id", "in", (late | on_time | closed_late).ids)]
            ),
            late,
        )
        self.env["crm.claim"]._cron_plan_overdue_activities()
        self.assertEqual(len(late.activity_ids), 1)
        self.assertEqual(late.activity_ids.user_id, self.salesman)
        self.assertFalse(on_time.activity_ids)
        self.assertFalse(closed_late.activity_ids)
        self.env["crm.claim"]._cron_plan_overdue_activities()
        self.assertEqual(len(late.activity_ids), 1)
        # a new deadline, missed again, gets a new activity
        late.activity_ids.action_feedback(feedback="Called the client")
        late.deadline = today - timedelta(days=1)
        self.env["crm.claim"]._cron_plan_overdue_activities()
        self.assertEqual(len(late.activity_ids), 1)

    def test_overdue_cron_stopped_after_a_batch_plans_each_activity_once(self):
        Claim = self.env["crm.claim"]
        pending = [("is_overdue", "=", True), ("overdue_activity_planned", "=", False)]
        yesterday = date.today() - timedelta(days=1)
        late = Claim.concat(*(self._claim(deadline=yesterday) for _index in range(3)))
        before = Claim.search_count(pending)
        done, remaining = self.run_cron("crm_claim.ir_cron_claim_overdue", first_batch_only=True)
        self.assertEqual((done, remaining), (1, before - 1))
        self.assertEqual(Claim.search_count(pending), before - 1)
        # the next run plans the others, the one done before is not planned again
        done, remaining = self.run_cron("crm_claim.ir_cron_claim_overdue")
        self.assertEqual((done, remaining), (before - 1, 0))
        self.assertEqual([len(claim.activity_ids) for claim in late], [1, 1, 1])
        self.assertEqual(self.run_cron("crm_claim.ir_cron_claim_overdue"), (0, 0))
        self.assertEqual([len(claim.activity_ids) for claim in late], [1, 1, 1])
