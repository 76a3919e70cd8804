from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestTrigger(InterestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.Trigger = cls.env["crm.interest.trigger"]

    def _activities(self, interest, activity_type):
        return interest.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_enter_state_plans_activity_once_with_working_days(self):
        trigger = self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "enter",
                "stage_id": self.s_offer.id,
                "action": "activity",
                "activity_type_id": self.todo.id,
                "activity_summary": "Follow up on the offer",
                "activity_delay": 3,
                "assignee": "team_leader",
            }
        )
        rule = trigger.automation_id
        self.assertEqual(rule.model_id.model, "crm.lead")
        self.assertEqual(rule.trigger, "on_stage_set")
        self.assertIn("Follow up on the offer", rule.name)
        with freeze_time(datetime(2026, 11, 20, 10, 0)):  # a Friday
            interest = self._interest()
            self.assertFalse(self._activities(interest, self.todo))  # not on other states
            interest.stage_id = self.s_needs
            self.assertFalse(self._activities(interest, self.todo))
            interest.stage_id = self.s_offer
        activity = self._activities(interest, self.todo)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Follow up on the offer")
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(activity.date_deadline, date(2026, 11, 25))  # Mon, Tue, Wed
        interest.write({"description": "Still in the offer"})  # no new event
        self.assertEqual(len(self._activities(interest, self.todo)), 1)

    def test_apply_to_interests_already_there(self):
        early, later = self._interest("Early"), self._interest("Later")
        later.stage_id = self.s_needs
        trigger = self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "enter",
                "stage_id": self.s_contact.id,
                "action": "activity",
                "activity_type_id": self.call.id,
            }
        )
        self.assertFalse(self._activities(early, self.call))
        trigger.action_apply_to_current()
        self.assertEqual(len(self._activities(early, self.call)), 1)
        self.assertFalse(self._activities(later, self.call))

    def test_won_and_lost_fire_only_on_their_event(self):
        followers = self.env["res.partner"].create({"name": "Head of sales"})
        self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "won",
                "action": "followers",
                "partner_ids": [(6, 0, followers.ids)],
            }
        )
        self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "lost",
                "action": "responsible",
                "assignee": "user",
                "user_id": self.manager.id,
            }
        )
        reason = self.env["crm.lost.reason"].create({"name": "No budget"})
        won, lost = self._interest("Won one"), self._interest("Lost one")
        won.stage_id = self.s_needs
        self.assertNotIn(followers, won.message_partner_ids)
        won.action_set_won()
        self.assertIn(followers, won.message_partner_ids)
        self.assertEqual(won.user_id, self.salesman)  # the lost trigger did not fire
        lost.action_set_lost(lost_reason_id=reason.id)
        self.assertEqual(lost.user_id, self.manager)
        self.assertNotIn(followers, lost.message_partner_ids)
        other = self._interest("Other scenario", scenario_id=self.other.id)
        other.action_set_won()  # another scenario's won: nothing
        self.assertNotIn(followers, other.message_partner_ids)

    def test_email_on_entering_state(self):
        template = self.env["mail.template"].create(
            {
                "name": "Offer reminder",
                "model_id": self.env["ir.model"]._get("crm.lead").id,
                "subject": "About {{ object.name }}",
                "body_html": "<p>Your offer is ready</p>",
            }
        )
        self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "enter",
                "stage_id": self.s_needs.id,
                "action": "email",
                "mail_template_id": template.id,
            }
        )
        interest = self._interest()
        interest.stage_id = self.s_needs
        self.assertIn("About Desks for Romashka", interest.message_ids.mapped("subject"))

    def test_idle_alert_and_rotting(self):
        trigger = self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "idle",
                "stage_id": self.s_needs.id,
                "idle_days": 5,
                "action": "activity",
                "activity_type_id": self.call.id,
                "activity_summary": "Stuck in needs",
            }
        )
        self.assertEqual(self.s_needs.rotting_threshold_days, 5)
        rule = trigger.automation_id
        self.assertEqual(
            (rule.trigger, rule.trg_date_id.name, rule.trg_date_range, rule.trg_date_range_type),
            ("on_time", "interest_activity_date", 5, "day"),
        )
        stale, fresh = self._interest("Stale"), self._interest("Fresh")
        (stale | fresh).write({"stage_id": self.s_needs.id})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET interest_activity_date = %s WHERE id IN %s",
            (fields.Datetime.now() - timedelta(days=6), (stale.id, fresh.id)),
        )
        self.env.invalidate_all()
        fresh.message_post(body="Called the client", message_type="comment")  # client work
        stale.write({"description": "Edited, no client work"})  # a write is no client work
        found = rule._search_time_based_automation_records(until=fields.Datetime.now())
        self.assertIn(stale, found)
        self.assertNotIn(fresh, found)
        for lead in found:
            rule._process(lead)
        self.assertEqual(self._activities(stale, self.call).summary, "Stuck in needs")
        self.assertFalse(self._activities(fresh, self.call))

    def test_rules_stay_in_sync_with_the_scenario(self):
        trigger = self.Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "enter",
                "stage_id": self.s_needs.id,
                "action": "activity",
                "activity_type_id": self.call.id,
            }
        )
        rule = trigger.automation_id
        trigger.stage_id = self.s_offer
        self.assertEqual(trigger.automation_id, rule)
        self.assertEqual(rule.trg_field_ref, self.s_offer.id)
        self.assertIn("Commercial offer", rule.name)
        self.scenario.action_archive()
        self.assertFalse(rule.active)
        self.scenario.action_unarchive()
        self.assertTrue(rule.active)
        trigger.unlink()
        self.assertFalse(rule.exists())
        with self.assertRaises(ValidationError):
            self.Trigger.create(
                {
                    "scenario_id": self.scenario.id,
                    "event": "enter",
                    "action": "activity",
                    "activity_type_id": self.call.id,
                }
            )
        with self.assertRaises(ValidationError):  # a state of another scenario
            self.Trigger.create(
                {
                    "scenario_id": self.scenario.id,
                    "event": "enter",
                    "stage_id": self.o_request.id,
                    "action": "activity",
                    "activity_type_id": self.call.id,
                }
            )

    def _enter_trigger(self, Trigger):
        return Trigger.create(
            {
                "scenario_id": self.scenario.id,
                "event": "enter",
                "stage_id": self.s_needs.id,
                "action": "activity",
                "activity_type_id": self.call.id,
            }
        )

    def test_sales_administrator_manages_triggers_and_scenarios(self):
        admin = self.manager
        self.assertFalse(admin.has_group("base.group_system"))
        Trigger = self.Trigger.with_user(admin)
        trigger = self._enter_trigger(Trigger)
        rule = trigger.sudo().automation_id
        self.assertTrue(rule)
        trigger.write({"stage_id": self.s_offer.id, "event": "idle", "idle_days": 3})
        self.assertEqual(rule.trigger, "on_time")
        trigger.action_apply_to_current()
        trigger.unlink()
        self.assertFalse(rule.exists())
        scenario = self.env["crm.interest.scenario"].with_user(admin).create({"name": "Admin's"})
        stage = (
            self.env["crm.stage"]
            .with_user(admin)
            .create({"name": "Only", "scenario_id": scenario.id, "is_won": True})
        )
        trigger = Trigger.create(
            {
                "scenario_id": scenario.id,
                "event": "enter",
                "stage_id": stage.id,
                "action": "activity",
                "activity_type_id": self.call.id,
            }
        )
        rule = trigger.sudo().automation_id
        scenario.write({"name": "Admin's renamed"})
        self.assertIn("Admin's renamed", rule.name)
        scenario.unlink()
        self.assertFalse(rule.exists())

    def test_salesman_cannot_run_or_change_triggers(self):
        trigger = self._enter_trigger(self.Trigger)
        interest = self._interest()
        interest.stage_id = self.s_needs
        before = len(self._activities(interest, self.call))
        as_salesman = trigger.with_user(self.salesman)
        with self.assertRaises(AccessError):
            as_salesman.action_apply_to_current()
        with self.assertRaises(AccessError):
            as_salesman.write({"idle_days": 2})
        with self.assertRaises(AccessError):
            as_salesman.unlink()
        with self.assertRaises(AccessError):
            self._enter_trigger(self.Trigger.with_user(self.salesman))
        self.assertEqual(len(self._activities(interest, self.call)), before)
