from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import get_public_method
from odoo.tests import tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestInterestProcess(InterestCase):
    def test_new_interest_follows_team_scenario_first_state(self):
        interest = self._interest()
        self.assertEqual(interest.scenario_id, self.scenario)
        self.assertEqual(interest.process_kind, "manual")
        self.assertEqual(interest.stage_id, self.s_contact)
        self.assertEqual(interest.stage_history_ids.stage_id, self.s_contact)

    def test_converted_lead_gets_team_default_scenario(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Inbound request",
                "type": "lead",
                "team_id": self.team.id,
                "user_id": self.salesman.id,
            }
        )
        self.assertFalse(lead.scenario_id)
        lead.convert_opportunity(self.client)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.scenario_id, self.scenario)
        self.assertEqual(lead.stage_id, self.s_contact)

    def test_plain_opportunity_keeps_native_stages(self):
        team = self.env["crm.team"].create({"name": "No scenario team"})
        opportunity = self.env["crm.lead"].create(
            {"name": "Native", "type": "opportunity", "team_id": team.id}
        )
        self.assertFalse(opportunity.scenario_id)
        self.assertTrue(opportunity.stage_id)
        self.assertFalse(opportunity.stage_id.scenario_id)
        with self.assertRaises(ValidationError):
            opportunity.stage_id = self.s_needs

    def test_state_restricted_to_scenario(self):
        interest = self._interest()
        with self.assertRefused(ValidationError, "is not a state of scenario"):
            interest.write({"stage_id": self.o_request.id})
        self.assertEqual(interest.stage_id, self.s_contact)

    def test_changing_scenario_maps_to_first_state(self):
        interest = self._interest()
        interest.write({"stage_id": self.s_needs.id})
        interest.write({"scenario_id": self.other.id})
        self.assertEqual(interest.stage_id, self.o_request)
        self.assertEqual(interest.stage_history_ids.sorted("id")[-1].stage_id, self.o_request)

    def test_manual_moves_back_and_skip(self):
        interest = self._interest().with_user(self.salesman)
        interest.write({"stage_id": self.s_offer.id})  # skip "Needs analysis"
        self.assertEqual(interest.stage_id, self.s_offer)
        interest.write({"stage_id": self.s_contact.id})  # back
        self.assertEqual(interest.stage_id, self.s_contact)
        self.assertEqual(interest.furthest_stage_id, self.s_offer)
        history = interest.stage_history_ids.sorted("id")
        self.assertEqual(
            [row.stage_id.id for row in history],
            [self.s_contact.id, self.s_offer.id, self.s_contact.id],
        )
        self.assertTrue(all(history[:2].mapped("date_out")))
        self.assertFalse(history[2].date_out)

    def test_go_to_state_wizard(self):
        interest = self._interest()
        wizard = (
            self.env["crm.lead.go.state"]
            .with_user(self.salesman)
            .create({"lead_ids": [(6, 0, interest.ids)], "stage_id": self.s_offer.id})
        )
        self.assertEqual(wizard.scenario_id, self.scenario)
        wizard.action_apply()
        self.assertEqual(interest.stage_id, self.s_offer)

    def test_non_process_refuses_moves_but_can_be_won(self):
        interest = self._interest(process_kind="none")
        with self.assertRefused(UserError, "non-process"):
            interest.with_user(self.salesman).write({"stage_id": self.s_needs.id})
        self.assertEqual(interest.stage_id, self.s_contact)
        interest.with_user(self.salesman).action_set_won()
        self.assertEqual(interest.stage_id, self.s_won)
        self.assertEqual(interest.won_status, "won")

    def test_controlled_interest_refuses_every_user_path(self):
        self.scenario.process_kind = "routemap"
        interest = self._interest("Controlled interest")
        self.assertEqual(interest.process_kind, "routemap")
        for user in (self.salesman, self.manager):
            as_user = interest.with_user(user)
            with self.assertRefused(UserError, "controlled by a route map"):
                as_user.write({"stage_id": self.s_needs.id})  # form, statusbar and kanban drag
            with self.assertRefused(UserError, "controlled by a route map"):
                as_user.with_context(crm_interest_state_token=True).write(
                    {"stage_id": self.s_needs.id}
                )  # a context sent over RPC is no route map
            with self.assertRefused(UserError, "controlled by a route map"):
                as_user.action_set_won()
            result = as_user.load(
                [".id", "stage_id/.id"], [[str(interest.id), str(self.s_needs.id)]]
            )
            self.assertFalse(result["ids"])
            self.assertIn("controlled by a route map", result["messages"][0]["message"])
            with self.assertRaises(AccessError):
                get_public_method(as_user, "_interest_set_state")
            self.assertEqual(interest.stage_id, self.s_contact)
        interest._interest_set_state(self.s_needs)
        self.assertEqual(interest.stage_id, self.s_needs)
        self.assertEqual(interest.stage_history_ids.sorted("id")[-1].stage_id, self.s_needs)
        with self.assertRefused(ValidationError, "is not a state of scenario"):
            interest._interest_set_state(self.o_request)

    def test_controlled_interest_scenario_is_locked(self):
        self.scenario.process_kind = "routemap"
        interest = self._interest()
        with self.assertRefused(UserError, "scenario cannot change"):
            interest.with_user(self.manager).write({"scenario_id": self.other.id})

    def test_switch_is_one_way(self):
        self.scenario.process_kind = "routemap"
        interest = self._interest().with_context(tracking_disable=False)
        interest.with_user(self.salesman).action_interest_switch_to_manual()
        self.assertEqual(interest.process_kind, "manual")
        self.assertIn("left route-map control", interest.message_ids[0].body)
        interest.with_user(self.salesman).write({"stage_id": self.s_offer.id})
        self.assertEqual(interest.stage_id, self.s_offer)
        for user in (self.salesman, self.manager):
            with self.assertRefused(UserError, "cannot be put under route-map control"):
                interest.with_user(user).write({"process_kind": "routemap"})
        self.assertEqual(interest.process_kind, "manual")

    def test_checklist_blocks_leaving_state_and_names_items(self):
        Item = self.env["crm.interest.checklist.item"]
        call = Item.create({"name": "First call made", "stage_id": self.s_contact.id})
        Item.create({"name": "Decision maker known", "stage_id": self.s_contact.id})
        Item.create({"name": "Brochure sent", "stage_id": self.s_contact.id, "required": False})
        Item.create({"name": "Demand recorded", "stage_id": self.s_needs.id})
        interest = self._interest().with_user(self.salesman)
        self.assertEqual(len(interest.checklist_line_ids), 3)
        self.assertEqual(interest.checklist_todo_count, 3)
        with self.assertRaises(UserError) as caught:
            interest.write({"stage_id": self.s_needs.id})
        message = str(caught.exception)
        self.assertIn("First call made", message)
        self.assertIn("Decision maker known", message)
        self.assertNotIn("Brochure sent", message)
        interest.checklist_line_ids.filtered(lambda line: line.item_id == call).done = True
        with self.assertRaises(UserError) as caught:
            interest.write({"stage_id": self.s_needs.id})
        self.assertNotIn("First call made", str(caught.exception))
        interest.checklist_line_ids.filtered("required").write({"done": True})
        interest.write({"stage_id": self.s_needs.id})
        self.assertEqual(interest.stage_id, self.s_needs)
        self.assertEqual(interest.checklist_line_ids.filtered("done").done_user_id, self.salesman)
        self.assertEqual(
            interest.checklist_line_ids.filtered(lambda line: line.stage_id == self.s_needs).name,
            "Demand recorded",
        )

    def test_required_fields_block_leaving_state(self):
        field = self.env["ir.model.fields"]._get("crm.lead", "date_deadline")
        self.s_contact.interest_required_field_ids = field
        interest = self._interest()
        with self.assertRefused(UserError, "Expected Closing"):
            interest.write({"stage_id": self.s_needs.id})
        interest.write({"date_deadline": "2026-12-31"})
        interest.write({"stage_id": self.s_needs.id})
        self.assertEqual(interest.stage_id, self.s_needs)

    def test_kanban_shows_exactly_the_scenario_states(self):
        self._interest()
        groups = (
            self.env["crm.lead"]
            .with_context(read_group_expand=True)
            .formatted_read_group(
                [("scenario_id", "=", self.scenario.id)], ["stage_id"], ["__count"]
            )
        )
        self.assertEqual([group["stage_id"][0] for group in groups], self.scenario.stage_ids.ids)
        self.assertEqual([group["__count"] for group in groups], [1, 0, 0, 0])
        native = (
            self.env["crm.lead"]
            .with_context(read_group_expand=True)
            .formatted_read_group(
                [("type", "=", "opportunity"), ("scenario_id", "=", False)],
                ["stage_id"],
                ["__count"],
            )
        )
        self.assertFalse(
            {group["stage_id"][0] for group in native if group["stage_id"]}
            & set((self.scenario.stage_ids | self.other.stage_ids).ids)
        )
