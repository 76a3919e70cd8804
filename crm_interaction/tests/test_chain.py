from datetime import datetime

from odoo.tests import Form, tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionChain(InteractionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interest = cls.env["crm.lead"].create(
            {"name": "Desks for Romashka", "type": "opportunity", "partner_id": cls.client.id}
        )

    def _chain(self, length):
        """A chain of `length` interactions, each following the previous one."""
        first = self._interaction("Link 0")
        links = first
        for index in range(1, length):
            links |= self._interaction(f"Link {index}", parent_id=links[-1].id)
        return links

    def test_interest_set_anywhere_goes_to_the_whole_long_chain(self):
        chain = self._chain(120)
        # a branch off the middle of the chain belongs to it too
        branch = self._interaction("Branch", parent_id=chain[60].id)
        chain[90].lead_id = self.interest
        self.assertEqual((chain | branch).lead_id, self.interest)
        self.assertEqual(len(self.interest.interaction_ids), 121)
        self.assertEqual(self.interest.interaction_count, 121)
        # a separate interaction is left alone
        other = self._interaction("Unrelated call")
        self.assertFalse(other.lead_id)

    def test_propagation_costs_the_same_for_short_and_long_chains(self):
        def queries_to_set_interest(chain):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            chain[-1].lead_id = self.interest
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        short = queries_to_set_interest(self._chain(3))
        long = queries_to_set_interest(self._chain(60))
        self.assertEqual(short, long, "no query per link of the chain")

    def test_follow_up_inherits_client_people_and_subject(self):
        colleague = self.salesman2
        call = self._interaction(
            contact_ids=[(6, 0, self.contact.ids)],
            participant_ids=[(6, 0, colleague.ids)],
            lead_id=self.interest.id,
        )
        action = call.action_plan_follow_up()
        follow_up = self.env["crm.interaction"].browse(action["res_id"])
        self.assertEqual(follow_up.kind, "planned")
        self.assertEqual(follow_up.parent_id, call)
        self.assertEqual(follow_up.partner_id, self.client)
        self.assertEqual(follow_up.contact_ids, self.contact)
        self.assertEqual(follow_up.participant_ids, colleague)
        self.assertEqual(follow_up.lead_id, self.interest)
        self.assertEqual(call.follow_up_count, 1)
        # the same through the form, as a user does it
        with Form(self.env["crm.interaction"].with_context(default_parent_id=call.id)) as form:
            form.name = "Second follow-up"
            form.kind = "planned"
        self.assertEqual(form.record.participant_ids, colleague)
        self.assertEqual(form.record.partner_id, self.client)

    def test_reviewed_in_bulk_and_due_for_review(self):
        today = datetime.now().date()
        due = self._interaction("Due", review_date=today)
        later = self._interaction("Later", review_date=today.replace(year=today.year + 1))
        done = self._interaction("Done", reviewed=True)
        action = self.env.ref("crm_interaction.crm_interaction_action")
        self.assertIn("search_default_to_review", action.context)
        to_review = [
            ("reviewed", "=", False),
            "|",
            ("review_date", "=", False),
            ("review_date", "<=", today),
        ]
        found = self.env["crm.interaction"].search(
            [("id", "in", (due | later | done).ids), *to_review]
        )
        self.assertEqual(found, due)
        (due | later).with_user(self.salesman).action_mark_reviewed()
        self.assertTrue(all((due | later | done).mapped("reviewed")))

    def test_reminder_becomes_an_activity(self):
        self.salesman.tz = "Europe/Moscow"
        call = self._interaction(reminder=datetime(2030, 3, 4, 7, 30))
        activity = call.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(str(activity.date_deadline), "2030-03-04")
        self.assertIn("10:30", activity.summary)
