from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.addons.crm_interest.tests.cron_common import CronRunMixin
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AccessCase

NOW = fields.Datetime.to_datetime("2030-03-02 10:00:00")


@tagged("post_install", "-at_install")
class TestAbsence(AccessCase, CronRunMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_access_scope = "department"  # the heads record their people's absences

    def absence(self, user, deputies, by=None, start=NOW - timedelta(hours=1), days=2):
        Absence = self.env["crm.access.absence"].with_user(by or user)
        absence = Absence.create(
            {
                "user_id": user.id,
                "date_from": start,
                "date_to": start + timedelta(days=days),
                "reason": "Отпуск",
                "line_ids": [(0, 0, {"kind": kind, "deputy_id": d.id}) for kind, d in deputies],
            }
        )
        absence.action_confirm()
        return absence

    def logs(self, absence, kind):
        return self.env["crm.access.log"].search(
            [("absence_id", "=", absence.id), ("kind", "=", kind)]
        )

    @freeze_time(NOW)
    def test_the_deputy_sees_and_takes_the_work_for_exactly_the_absence(self):
        self.set_scope("department")
        lead, client = self.leads[self.s_spb], self.clients[self.s_spb]
        self.assertNotIn(lead, self.seen(self.s_msk1))
        absence = self.absence(self.s_spb, [("all", self.s_msk1)], by=self.head_spb)
        self.assertEqual(self.logs(absence, "grant").target_user_id, self.s_msk1)
        # during: his view, and the work done keeps the deputy's name
        self.assertIn(lead, self.seen(self.s_msk1))
        self.assertEqual(client.with_user(self.s_msk1).name, client.name)
        lead.with_user(self.s_msk1).write({"description": "Созвонился за коллегу"})
        self.assertEqual(lead.write_uid, self.s_msk1)
        # new work for the absent one goes to the deputy, logged
        activity = lead.activity_schedule(
            "mail.mail_activity_data_todo", summary="Перезвонить", user_id=self.s_spb.id
        )
        self.assertEqual(activity.user_id, self.s_msk1)
        Interaction = self.env["crm.interaction"]
        planned = Interaction.create(
            {
                "name": "Встреча",
                "partner_id": client.id,
                "user_id": self.s_spb.id,
                "date": NOW + timedelta(days=1),
            }
        )
        past = Interaction.create(
            {
                "name": "Звонок вчера",
                "partner_id": client.id,
                "user_id": self.s_spb.id,
                "date": NOW - timedelta(days=1),
            }
        )
        self.assertEqual(planned.user_id, self.s_msk1)
        self.assertEqual(past.user_id, self.s_spb)
        redirected = self.env["crm.access.log"].search(
            [("kind", "=", "redirect"), ("user_id", "=", self.s_spb.id)]
        )
        self.assertEqual(
            {(r.res_model, r.res_id) for r in redirected},
            {("mail.activity", activity.id), ("crm.interaction", planned.id)},
        )
        # after: everything returns by itself, the return is logged by the cron
        with freeze_time(NOW + timedelta(days=3)):
            self.assertNotIn(lead, self.seen(self.s_msk1))
            with self.assertRaises(AccessError):
                client.with_user(self.s_msk1).read(["name"])
            self.env["crm.access.absence"]._cron_sync_log()
            self.assertEqual(self.logs(absence, "return").target_user_id, self.s_msk1)
            new = lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.s_spb.id)
            self.assertEqual(new.user_id, self.s_spb)
        # what the deputy took stays his
        self.assertEqual(activity.user_id, self.s_msk1)

    @freeze_time(NOW)
    def test_a_planned_absence_grants_nothing_yet(self):
        absence = self.absence(
            self.s_spb, [("all", self.s_msk1)], by=self.head_spb, start=NOW + timedelta(days=1)
        )
        self.assertNotIn(self.leads[self.s_spb], self.seen(self.s_msk1))
        self.assertFalse(self.logs(absence, "grant"))
        with freeze_time(NOW + timedelta(days=1, hours=1)):
            self.assertIn(self.leads[self.s_spb], self.seen(self.s_msk1))
            self.env["crm.access.absence"]._cron_sync_log()
            self.assertTrue(self.logs(absence, "grant"))

    @freeze_time(NOW)
    def test_a_deputy_for_claims_only_does_not_see_the_sales_work(self):
        self.absence(self.s_spb, [("claims", self.s_msk1), ("sales", self.s_msk)], by=self.head_spb)
        self.assertNotIn(self.leads[self.s_spb], self.seen(self.s_msk1))
        self.assertIn(self.leads[self.s_spb], self.seen(self.s_msk))
        claim_activity = self.env["crm.access.absence"]._deputy_for(self.s_spb, "claims")
        self.assertEqual(claim_activity, self.s_msk1)

    @freeze_time(NOW)
    def test_the_deputy_of_a_head_sees_his_department(self):
        self.set_scope("department")
        self.absence(self.head_msk, [("all", self.s_spb)])
        self.assertEqual(
            self.owners(self.s_spb),
            {self.s_spb.id, self.head_msk.id, self.s_msk.id, self.s_msk1.id},
        )

    @freeze_time(NOW)
    def test_nobody_gives_himself_another_users_view(self):
        self.set_scope("department")
        Absence = self.env["crm.access.absence"].with_user(self.s_msk1)
        with self.assertRaises(AccessError):
            Absence.create(
                {
                    "user_id": self.s_spb.id,
                    "date_from": NOW,
                    "date_to": NOW + timedelta(days=1),
                    "line_ids": [(0, 0, {"deputy_id": self.s_msk1.id})],
                }
            )
        absence = self.absence(self.s_spb, [("all", self.s_msk)], by=self.head_spb)
        # nor adds himself as a deputy to a colleague's absence, nor rewrites its deputy
        with self.assertRaises(AccessError):
            self.env["crm.access.absence.line"].with_user(self.s_msk1).create(
                {"absence_id": absence.id, "deputy_id": self.s_msk1.id}
            )
        with self.assertRaises(AccessError):
            absence.line_ids.with_user(self.s_msk).write({"deputy_id": self.s_msk1.id})
        self.assertNotIn(self.leads[self.s_spb], self.seen(self.s_msk1))
        with self.assertRaises(ValidationError):
            self.absence(self.s_msk1, [("all", self.s_msk1)])

    @freeze_time(NOW)
    def test_a_chain_of_absences_reaches_the_one_who_is_here(self):
        self.absence(self.s_spb, [("all", self.s_msk)], by=self.head_spb)
        self.absence(self.s_msk, [("all", self.s_msk1)], by=self.head_msk)
        lead = self.leads[self.s_spb]
        activity = lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.s_spb.id)
        self.assertEqual(activity.user_id, self.s_msk1)

    @freeze_time(NOW)
    def test_cancelling_a_begun_absence_returns_at_once(self):
        absence = self.absence(self.s_spb, [("all", self.s_msk1)], by=self.head_spb)
        self.assertIn(self.leads[self.s_spb], self.seen(self.s_msk1))
        absence.with_user(self.head_spb).action_cancel()
        self.assertNotIn(self.leads[self.s_spb], self.seen(self.s_msk1))
        self.assertTrue(self.logs(absence, "return"))
        with self.assertRaises(ValidationError):
            absence.unlink()

    def test_log_cron_stopped_after_a_batch_logs_each_grant_once(self):
        xmlid = "crm_client_access.ir_cron_crm_access_absence_log"
        start = NOW + timedelta(days=1)
        with freeze_time(NOW):
            absences = [
                self.absence(user, [("all", self.head_spb)], start=start)
                for user in (self.s_spb, self.s_msk1, self.s_msk)
            ]
        with freeze_time(start + timedelta(hours=1)):
            Absence = self.env["crm.access.absence"].sudo()
            pending = Absence.search_count(Absence._crm_access_unlogged_domain(start))
            self.assertGreaterEqual(pending, 3)
            self.assertEqual(self.run_cron(xmlid, first_batch_only=True), (1, pending - 1))
            self.assertEqual(self.run_cron(xmlid), (pending - 1, 0))
            self.assertEqual([len(self.logs(a, "grant")) for a in absences], [1, 1, 1])
            self.assertEqual(self.run_cron(xmlid), (0, 0))
            self.assertEqual([len(self.logs(a, "grant")) for a in absences], [1, 1, 1])
