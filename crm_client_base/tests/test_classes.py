"""ABC/XYZ-классификация and RFM: runs kept as history, thresholds, rights (issue 23)."""

from datetime import date

from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_indicators_common import ClientBaseCase


@tagged("post_install", "-at_install")
class TestClasses(ClientBaseCase, CronRunMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.p1, cls.p2, cls.p3, cls.p4 = Partner.create(
            [
                {"name": f"Class client {i}", "is_company": True, "user_id": user.id}
                for i, user in enumerate(
                    (cls.salesman, cls.salesman, cls.salesman2, cls.salesman2), 1
                )
            ]
        )
        # first quarter: P1 600 a month, P2 300 in January, P3 100, P4 50
        for day in (date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)):
            cls._invoice(cls.p1, day, 6)
        cls._invoice(cls.p2, date(2026, 1, 20), 3)
        cls._invoice(cls.p3, date(2026, 2, 10), 1)
        cls._invoice(cls.p4, date(2026, 3, 25), 1, price=50.0)
        # second quarter: P2 3000 a month, P1 600 a month
        for month in (4, 5, 6):
            cls._invoice(cls.p2, date(2026, month, 5), 30)
            cls._invoice(cls.p1, date(2026, month, 15), 6)

    def _run(self, date_from, date_to, user=None, **thresholds):
        Run = self.env["crm.client.class.run"].with_user(user or self.consultant)
        run = Run.create({"date_from": date_from, "date_to": date_to, **thresholds})
        run.action_classify()
        return run.sudo()

    def _line(self, run, partner):
        return run.line_ids.filtered(lambda line: line.partner_id == partner)

    def test_abc_xyz_rfm_of_a_run(self):
        run = self._run(date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(run.state, "done")
        self.assertEqual(run.line_count, 4)
        self.assertEqual(set(run.line_ids.partner_id), {self.p1, self.p2, self.p3, self.p4})
        classes = {
            p: (self._line(run, p).abc_turnover, self._line(run, p).xyz)
            for p in (self.p1, self.p2, self.p3, self.p4)
        }
        self.assertEqual(
            classes,
            {self.p1: ("A", "X"), self.p2: ("B", "Z"), self.p3: ("B", "Z"), self.p4: ("C", "Z")},
        )
        line = self._line(run, self.p1)
        self.assertEqual(line.turnover, 1800.0)
        self.assertEqual(line.gross_profit, 1800.0 - 18 * 60.0)
        self.assertEqual(line.abc_profit, "A")
        self.assertEqual(line.cv, 0.0)
        self.assertEqual(line.abc_xyz, "AX")
        self.assertEqual(line.order_count, 3)
        self.assertEqual(line.user_id, self.salesman)
        # P2: 300 in January only: mean 100, deviation 141 %
        self.assertAlmostEqual(self._line(run, self.p2).cv, 141.42, places=2)
        # RFM among four clients: recency at the period's end
        self.assertEqual(
            {p: self._line(run, p).rfm_score for p in (self.p1, self.p2, self.p3, self.p4)},
            {self.p1: "344", self.p2: "113", self.p3: "212", self.p4: "411"},
        )

    def test_class_changes_between_runs_and_both_stay(self):
        first = self._run(date(2026, 1, 1), date(2026, 3, 31))
        second = self._run(date(2026, 4, 1), date(2026, 6, 30))
        self.assertEqual(self._line(first, self.p1).abc_turnover, "A")
        self.assertEqual(self._line(second, self.p1).abc_turnover, "B")
        self.assertEqual(self._line(second, self.p2).abc_turnover, "A")
        self.assertEqual(self._line(second, self.p2).xyz, "X")
        history = self.p1.with_user(self.salesman).client_class_line_ids
        self.assertEqual(history.mapped("abc_turnover"), ["B", "A"], "the latest first")
        self.assertEqual(history.run_id, first | second)
        self.assertFalse(first.is_last)
        self.assertTrue(second.is_last)
        last = self.env["crm.client.class.line"].search(
            [("is_last", "=", True), ("partner_id", "=", self.p1.id)]
        )
        self.assertEqual(last.run_id, second)
        action = self.p1.with_user(self.salesman).action_view_client_classes()
        self.assertEqual(self.env["crm.client.class.line"].search(action["domain"]), history)

    def test_thresholds_change_classes(self):
        default = self._run(date(2026, 4, 1), date(2026, 6, 30))
        self.assertEqual(self._line(default, self.p1).abc_turnover, "B")
        wider = self._run(date(2026, 4, 1), date(2026, 6, 30), abc_a=90.0, abc_b=99.0)
        self.assertEqual(self._line(wider, self.p1).abc_turnover, "A")
        # XYZ: P2's deviation of 141 % is X when X goes up to 150 %
        loose = self._run(date(2026, 1, 1), date(2026, 3, 31), xyz_x=150.0, xyz_y=200.0)
        self.assertEqual(self._line(loose, self.p2).xyz, "X")
        # the settings give the next run's thresholds
        self.settings.write({"abc_a": 90.0, "abc_b": 99.0})
        values = (
            self.env["crm.client.class.run"]
            .with_user(self.consultant)
            .default_get(["abc_a", "abc_b", "date_from", "date_to"])
        )
        self.assertEqual((values["abc_a"], values["abc_b"]), (90.0, 99.0))

    def test_credit_notes_count_in_the_classes(self):
        self._invoice(self.p1, date(2026, 3, 20), 18, move_type="out_refund")
        run = self._run(date(2026, 1, 1), date(2026, 3, 31))
        line = self._line(run, self.p1)
        self.assertEqual(line.turnover, 0.0)
        self.assertEqual(line.abc_turnover, "C")
        self.assertEqual(line.xyz, "Z")

    def test_rights_of_the_classes(self):
        run = self._run(date(2026, 1, 1), date(2026, 3, 31))
        Line = self.env["crm.client.class.line"]
        # a salesman reads his own clients' classes only
        self.assertEqual(
            Line.with_user(self.salesman).search([("run_id", "=", run.id)]).partner_id,
            self.p1 | self.p2,
        )
        with self.assertRaises(AccessError):
            self._line(run, self.p3).with_user(self.salesman).read(["abc_turnover"])
        # the sales manager reads all, the consultant too
        self.assertEqual(
            len(Line.with_user(self.sales_manager).search([("run_id", "=", run.id)])), 4
        )
        self.assertEqual(len(Line.with_user(self.consultant).search([("run_id", "=", run.id)])), 4)
        # only the consultant classifies and sets thresholds
        for user in (self.salesman, self.sales_manager):
            with self.assertRaises(AccessError):
                run.with_user(user).action_classify()
            with self.assertRaises(AccessError):
                self.env["crm.client.class.run"].with_user(user).create(
                    {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
                )
            with self.assertRaises(AccessError):
                self.settings.with_user(user).write({"abc_a": 70.0})
            with self.assertRaises(AccessError):
                self.settings.with_user(user).action_classify()
        self.settings.with_user(self.consultant).write({"abc_a": 70.0})
        self.assertEqual(self.settings.abc_a, 70.0)

    def test_status_rules_read_the_rfm_scores_and_classes(self):
        """A rule "R >= 4 and F >= 4 -> key": the classification gives the scores to the
        client's indicators and the statuses follow it."""
        key = self.env["crm.client.status"].with_user(self.consultant).create({"name": "Ключевой"})
        rule = (
            self.env["crm.client.status.rule"]
            .with_user(self.consultant)
            .create(
                {
                    "name": "Покупает часто и недавно",
                    "sequence": 0,
                    "status_id": key.id,
                    "domain": "[('rfm_recency', '>=', 4), ('rfm_frequency', '>=', 4)]",
                }
            )
        )
        # the first quarter: P1 bought most often (F 4) but not last (R 3)
        self._run(date(2026, 1, 1), date(2026, 3, 31))
        self.assertNotEqual(self.p1.client_status_id, key)
        indicator = self._indicator(self.p1, self.salesman)
        self.assertEqual((indicator.rfm_recency, indicator.rfm_frequency), (3, 4))
        self.assertEqual((indicator.abc_turnover, indicator.xyz), ("A", "X"))
        # the half year: P1 bought last and most often
        self._run(date(2026, 1, 1), date(2026, 6, 30))
        self.assertEqual(self.p1.client_status_id, key)
        self.assertEqual(self.p1.client_status_history_ids[:1].rule_id, rule)
        self.assertNotEqual(self.p2.client_status_id, key, "P2: R 3, F 3")
        # a class is a condition too
        rule.domain = "[('abc_turnover', '=', 'B'), ('xyz', '=', 'Z')]"
        self._run(date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(self.p2.client_status_id, key)
        self.assertEqual(self.p3.client_status_id, key)
        self.assertNotEqual(self.p1.client_status_id, key, "P1 is AX in the first quarter")

    def test_classify_cron_stopped_after_a_company_classifies_each_company_once(self):
        self.env["res.company"].create({"name": "Second company"})
        companies = self.env["res.company"].search([], order="id")
        Run = self.env["crm.client.class.run"]

        def runs_of_the_period():
            period = Run._values_from_settings(
                self.env["crm.client.class.settings"]._for_company(companies[0])
            )
            runs = Run.search(
                [("date_from", "=", period["date_from"]), ("date_to", "=", period["date_to"])]
            )
            return [
                len(runs.filtered(lambda r, c=company: r.company_id == c)) for company in companies
            ]

        Run.search([]).unlink()
        xmlid = "crm_client_base.ir_cron_crm_client_class_run"
        self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, len(companies) - 1))
        self.assertEqual(runs_of_the_period(), [1] + [0] * (len(companies) - 1))
        self.assertEqual(self.run_cron(xmlid), (len(companies) - 1, 0))
        self.assertEqual(runs_of_the_period(), [1] * len(companies))
        # run again in the same period: no second run of any company
        self.run_cron(xmlid)
        self.assertEqual(runs_of_the_period(), [1] * len(companies))
