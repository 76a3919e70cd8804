from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ClaimCase


@tagged("post_install", "-at_install")
class TestClaimAnalysis(ClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-11 10:00:00"):
            cls.c1 = cls._claim(
                date=datetime(2026, 3, 1, 10, 0),
                department_id=cls.department.id,
                employee_id=cls.worker.id,
                product_ids=[Command.set(cls.product.ids)],
                resolution="Replaced",
                state="satisfied",
            )  # 10 days
            cls.c2 = cls._claim(
                date=datetime(2026, 3, 7, 10, 0),
                reason_id=cls.reason_delay.id,
                department_id=cls.other_department.id,
                product_ids=[Command.set((cls.product | cls.product2).ids)],
                resolution="Unfounded",
                state="not_satisfied",
            )  # 4 days
            cls.c3 = cls._claim(
                date=datetime(2026, 4, 2, 10, 0),
                partner_id=cls.client2.id,
                reason_id=cls.reason_delay.id,
                department_id=cls.other_department.id,
                employee_id=cls.driver.id,
            )
            cls.env.flush_all()  # closing dates are computed now, while the time is frozen

    def _group(self, groupby, aggregates):
        """Known claims grouped by `groupby` (demo claims, if any, are left out)."""
        claims = self.c1 | self.c2 | self.c3
        return {
            key: values
            for key, *values in self.env["crm.claim"]._read_group(
                [("id", "in", claims.ids)], [groupby], aggregates
            )
        }

    def test_counts_by_dimension(self):
        self.assertEqual(
            self._group("reason_id", ["__count"]),
            {self.reason: [1], self.reason_delay: [2]},
        )
        self.assertEqual(
            self._group("department_id", ["__count"]),
            {self.department: [1], self.other_department: [2]},
        )
        self.assertEqual(
            self._group("employee_id", ["__count"]),
            {self.worker: [1], self.driver: [1], self.env["hr.employee"]: [1]},
        )
        self.assertEqual(
            self._group("product_ids", ["__count"]),
            {self.product: [2], self.product2: [1], self.env["product.product"]: [1]},
        )
        self.assertEqual(
            self._group("partner_id", ["__count"]), {self.client: [2], self.client2: [1]}
        )
        self.assertEqual(
            {
                str(month)[:7]: count
                for month, count in self._group("date:month", ["__count"]).items()
            },
            {"2026-03": [2], "2026-04": [1]},
        )
        self.assertEqual(
            self._group("state", ["__count"]),
            {"satisfied": [1], "not_satisfied": [1], "processing": [1]},
        )
        self.assertEqual(self.client.claim_count, 2)
        self.assertEqual(self.contact.claim_count, 2)
        self.assertEqual(self.client2.claim_count, 1)

    def test_share_satisfied_and_resolution_time(self):
        known = [("id", "in", (self.c1 | self.c2 | self.c3).ids)]
        closed = [*known, ("state", "in", ("satisfied", "not_satisfied"))]
        [[share, days]] = self.env["crm.claim"]._read_group(
            closed, [], ["satisfied_rate:avg", "resolution_days:avg"]
        )
        self.assertEqual(share, 50)
        self.assertAlmostEqual(days, 7.0)
        self.assertAlmostEqual(self.c1.resolution_days, 10.0)
        self.assertEqual(self.c3.resolution_days, 0.0)
        # the pivot's default measures use the fields' own aggregators
        [[share_all, days_all]] = self.env["crm.claim"]._read_group(
            known, [], ["satisfied_rate:avg", "resolution_days:avg"]
        )
        self.assertAlmostEqual(share_all, 100 / 3)
        self.assertEqual(self.env["crm.claim"]._fields["satisfied_rate"].aggregator, "avg")
        self.assertEqual(self.env["crm.claim"]._fields["resolution_days"].aggregator, "avg")
        self.assertAlmostEqual(days_all, 14 / 3)
