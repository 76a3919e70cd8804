from datetime import datetime

from odoo.exceptions import AccessError, UserError
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

        queries_to_set_interest(self._chain(2))  # warm the caches (rules, company checks)
        short = queries_to_set_interest(self._chain(3))
        long = queries_to_set_interest(self._chain(60))
        # a cache warmed differently may cost one query more or less, never one per link
        self.assertLessEqual(long, short + 2, "no query per link of the chain")

    def test_follow_up_inherits_client_people_and_subject(self):
        colleague = self.salesman2
        call = self._interaction(
            contact_ids=[(6, 0, self.contact.ids)],
            participant_ids=[(6, 0, colleague.ids)],
            lead_id=self.interest.id,
        )
        Interaction = self.env["crm.interaction"]
        before = Interaction.search_count([])
        action = call.with_user(self.salesman).action_plan_follow_up()
        self.assertEqual(action["target"], "new")
        self.assertEqual(Interaction.search_count([]), before)  # nothing saved yet
        form = Form(
            Interaction.with_user(self.salesman).with_context(**action["context"]),
            view=action["views"][0][0],
        )
        self.assertEqual(form.kind, "planned")
        self.assertEqual(form.name, f"Follow-up: {call.name}")
        form.kind = "call"
        form.name = "Call about the samples"
        follow_up = form.save()
        self.assertEqual(follow_up.kind, "call")
        self.assertEqual(follow_up.parent_id, call)
        self.assertEqual(follow_up.partner_id, self.client)
        self.assertEqual(follow_up.contact_ids, self.contact)
        self.assertEqual(follow_up.participant_ids, colleague)
        self.assertEqual(follow_up.lead_id, self.interest)
        self.assertEqual(call.follow_up_count, 1)
        # the same through the full form
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

    def test_chain_stays_whole_whoever_edits_it(self):
        """Ivan's call, followed up by Petr with a client Ivan may not see: Ivan setting,
        changing or clearing the interest carries it to Petr's link too, and Ivan still reads
        nothing of Petr's link."""
        petrs_client = self.env["res.partner"].create({"name": "Vasilek LLC", "is_company": True})
        call = self._interaction("Ivan's call")
        petrs = self._interaction(
            "Petr's follow-up", parent_id=call.id, user_id=self.salesman2.id,
            partner_id=petrs_client.id,
        )  # fmt: skip
        later = self._interaction("Ivan's second call", parent_id=petrs.id)
        Interaction = self.env["crm.interaction"].with_user(self.salesman)
        self.assertFalse(Interaction.search([("id", "=", petrs.id)]))
        mine = call.with_user(self.salesman)
        mine.lead_id = self.interest
        self.assertEqual((call | petrs | later).lead_id, self.interest)
        other_interest = self.env["crm.lead"].create(
            {"name": "Chairs for Romashka", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id}
        )  # fmt: skip
        later.with_user(self.salesman).lead_id = other_interest
        self.assertEqual((call | petrs | later).lead_id, other_interest)
        mine.lead_id = False
        self.assertFalse((call | petrs | later).lead_id)
        # the elevated write went no further than the chain's interest
        self.assertEqual(petrs.user_id, self.salesman2)
        self.assertEqual(petrs.partner_id, petrs_client)
        with self.assertRaises(AccessError):
            petrs.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            petrs.with_user(self.salesman).write({"lead_id": self.interest.id})

    def test_moving_a_link_to_another_chain_carries_the_interest(self):
        first = self._chain(3)
        first[0].lead_id = self.interest
        second = self._chain(2)
        other_interest = self.env["crm.lead"].create(
            {"name": "Chairs", "type": "opportunity", "partner_id": self.client.id}
        )
        second[0].lead_id = other_interest
        # second[1] (and what follows it) joins the first chain: it takes that chain's interest
        second[1].with_user(self.salesman).parent_id = first[2]
        self.assertEqual(second[1].lead_id, self.interest)
        self.assertEqual(second[0].lead_id, other_interest)
        # a link with an interest moved under a chain without one brings its interest there
        bare = self._chain(2)
        second[0].with_user(self.salesman).parent_id = bare[1]
        self.assertEqual((bare | second[0]).lead_id, other_interest)
        # a follow-up created without an interest is its chain's
        follow = self._interaction("Follow", parent_id=first[1].id, lead_id=False)
        self.assertEqual(follow.lead_id, self.interest)

    def test_links_of_another_company_are_refused(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        foreign_client = self.env["res.partner"].create(
            {"name": "Foreign LLC", "is_company": True, "company_id": other_company.id}
        )
        foreign_lead = self.env["crm.lead"].create(
            {"name": "Foreign deal", "type": "opportunity", "company_id": other_company.id}
        )
        foreign_call = self.env["crm.interaction"].create(
            {"name": "Foreign call", "company_id": other_company.id}
        )
        call = self._interaction("Local call")
        Interaction = self.env["crm.interaction"].with_user(self.manager)
        for vals in (
            {"partner_id": foreign_client.id},
            {"contact_ids": [(6, 0, foreign_client.ids)]},
            {"lead_id": foreign_lead.id},
            {"parent_id": foreign_call.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Interaction.create({"name": "Mixed", "kind": "call", **vals})
            with self.subTest(vals=vals), self.assertRaises(UserError):
                call.write(vals)
        self.assertFalse(call.lead_id)
        self.assertFalse(call.parent_id)

    def test_an_interaction_that_took_place_is_client_work_on_its_interest(self):
        scenario = self.env["crm.interest.scenario"].create(
            {"name": "Chain sale", "process_kind": "manual"}
        )
        state = self.env["crm.stage"].create(
            {"name": "Talks", "sequence": 1201, "scenario_id": scenario.id}
        )
        interest = self.env["crm.lead"].create(
            {
                "name": "Chairs for Romashka",
                "type": "opportunity",
                "partner_id": self.client.id,
                "user_id": self.salesman.id,
                "scenario_id": scenario.id,
                "stage_id": state.id,
            }
        )
        long_ago = datetime(2020, 1, 1)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET interest_activity_date = %s WHERE id = %s",
            (long_ago, interest.id),
        )
        self.env.invalidate_all()
        planned = self._interaction("Call next week", kind="planned", lead_id=interest.id)
        self.assertEqual(interest.interest_activity_date, long_ago, "planned is no work yet")
        call = self.env["crm.interaction"].with_user(self.salesman).create(
            {"name": "Called Marina", "kind": "call", "partner_id": self.client.id,
             "user_id": self.salesman.id, "lead_id": interest.id}
        )  # fmt: skip
        self.assertGreater(interest.interest_activity_date, long_ago)
        self.env.cr.execute(
            "UPDATE crm_lead SET interest_activity_date = %s WHERE id = %s",
            (long_ago, interest.id),
        )
        self.env.invalidate_all()
        planned.with_user(self.salesman).write({"kind": "meeting"})  # it took place
        self.assertGreater(interest.interest_activity_date, long_ago)
        self.assertTrue(call.exists())

    def test_interactions_per_interest_by_outcome(self):
        """The cross report groups interests by a named outcome (won, lost, still open), not
        by a bare Yes/No."""
        won = self.env["crm.lead"].create(
            {"name": "Won desks", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id, "expected_revenue": 500}
        )  # fmt: skip
        still = self.env["crm.lead"].create(
            {"name": "Open desks", "type": "opportunity", "partner_id": self.client.id,
             "user_id": self.salesman.id}
        )  # fmt: skip
        for lead in (won, won, still):
            self._interaction(f"Call on {lead.name}", kind="call", lead_id=lead.id)
        won.action_set_won()
        self.env.flush_all()
        Report = self.env["crm.interaction.interest.report"]
        groups = {
            outcome: (count, calls, amount)
            for outcome, count, calls, amount in Report._read_group(
                [("lead_id", "in", (won | still).ids)],
                ["outcome"],
                ["__count", "call_count:sum", "won_amount:sum"],
            )
        }
        self.assertEqual(groups, {"won": (1, 2, 500.0), "open": (1, 1, 0.0)})
        labels = dict(Report._fields["outcome"]._description_selection(self.env))
        self.assertEqual(labels, {"won": "Won", "lost": "Lost", "open": "Still Open"})
