from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import get_public_method
from odoo.tests import Form, tagged

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
        interest.with_user(self.manager).action_interest_switch_to_manual(
            reason="The client asked for a custom path"
        )
        self.assertEqual(interest.process_kind, "manual")
        note = interest.message_ids.filtered(lambda m: "switched the process kind" in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn(self.manager.name, note.body)
        self.assertIn("The client asked for a custom path", note.body)
        interest.with_user(self.salesman).write({"stage_id": self.s_offer.id})
        self.assertEqual(interest.stage_id, self.s_offer)
        for user in (self.salesman, self.manager):
            with self.assertRefused(UserError, "cannot be put under route-map control"):
                interest.with_user(user).write({"process_kind": "routemap"})
        self.assertEqual(interest.process_kind, "manual")

    def test_only_managers_release_route_map_control(self):
        self.scenario.process_kind = "routemap"
        interest = self._interest().with_context(tracking_disable=False)
        for call in (
            lambda lead: lead.action_interest_switch_to_manual(),
            lambda lead: lead.write({"process_kind": "manual"}),
            lambda lead: lead.write({"process_kind": "none"}),
            lambda lead: lead.load([".id", "process_kind"], [[str(lead.id), "manual"]]),
        ):
            with self.assertRaises(AccessError):
                result = call(interest.with_user(self.salesman))
                if isinstance(result, dict) and result.get("messages"):
                    raise AccessError(result["messages"][0]["message"])
        self.assertEqual(interest.process_kind, "routemap")
        interest.with_user(self.manager).write({"process_kind": "none"})
        self.assertEqual(interest.process_kind, "none")
        self.assertIn(
            "to «Non-process»", interest.message_ids.filtered(lambda m: "switched" in m.body).body
        )

    def test_same_scenario_with_the_state_is_still_a_state_move(self):
        """A form save or an import sends the scenario again with the state: every check of
        a state move applies (route-map lock, checklist, required fields)."""
        self.scenario.process_kind = "routemap"
        controlled = self._interest("Controlled")
        as_salesman = controlled.with_user(self.salesman)
        with self.assertRefused(UserError, "controlled by a route map"):
            as_salesman.write({"scenario_id": self.scenario.id, "stage_id": self.s_won.id})
        result = as_salesman.load(
            [".id", "scenario_id/.id", "stage_id/.id"],
            [[str(controlled.id), str(self.scenario.id), str(self.s_won.id)]],
        )
        self.assertFalse(result["ids"])
        self.assertEqual(controlled.stage_id, self.s_contact)
        self.assertEqual(controlled.won_status, "pending")

        self.scenario.process_kind = "manual"
        self.env["crm.interest.checklist.item"].create(
            {"name": "First call made", "stage_id": self.s_contact.id}
        )
        self.s_contact.interest_required_field_ids = self.env["ir.model.fields"]._get(
            "crm.lead", "date_deadline"
        )
        manual = self._interest("Manual").with_user(self.salesman)
        result = manual.load(
            [".id", "scenario_id/.id", "stage_id/.id"],
            [[str(manual.id), str(self.scenario.id), str(self.s_offer.id)]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("First call made", result["messages"][0]["message"])
        self.assertIn("Expected Closing", result["messages"][0]["message"])
        with self.assertRefused(UserError, "First call made"):
            manual.write({"scenario_id": self.scenario.id, "stage_id": self.s_offer.id})
        self.assertEqual(manual.stage_id, self.s_contact)
        # a real change of scenario starts over in the new scenario's first state
        manual.write({"scenario_id": self.other.id, "stage_id": self.o_request.id})
        self.assertEqual(manual.stage_id, self.o_request)

    def test_default_kind_change_keeps_the_interests_own_kind(self):
        self.scenario.process_kind = "routemap"
        controlled = self._interest("Controlled")
        self.scenario.process_kind = "manual"
        manual = self._interest("Manual")
        self.scenario.process_kind = "none"
        self.assertEqual(controlled.process_kind, "routemap")
        self.assertEqual(manual.process_kind, "manual")
        # saving the form (scenario sent again), changing team or salesperson keeps it
        team2 = self.env["crm.team"].create({"name": "Second team"})
        for lead in (controlled, manual):
            lead.with_user(self.manager).write({"scenario_id": self.scenario.id})
            lead.write({"team_id": team2.id, "user_id": self.salesman2.id})
        self.assertEqual(controlled.process_kind, "routemap")
        self.assertEqual(manual.process_kind, "manual")
        self.assertEqual(controlled.scenario_id, self.scenario)
        # and the checks follow the interest's own kind, not the scenario's default
        with self.assertRefused(UserError, "controlled by a route map"):
            controlled.with_user(self.manager).write(
                {"scenario_id": self.scenario.id, "stage_id": self.s_needs.id}
            )
        manual.with_user(self.manager).write(
            {"scenario_id": self.scenario.id, "stage_id": self.s_needs.id}
        )
        self.assertEqual(manual.stage_id, self.s_needs)
        # a new interest takes the scenario's current default
        self.assertEqual(self._interest("New").process_kind, "none")

    def test_route_map_kind_warns_where_it_is_chosen(self):
        form = Form(self.env["crm.interest.scenario"].with_user(self.manager))
        form.name = "Controlled sale"
        form.process_kind = "routemap"  # the onchange answers with a warning
        scenario = form.save()
        result = scenario._onchange_process_kind_warning()
        self.assertFalse(result)  # saved as route-map: no second warning
        draft = self.env["crm.interest.scenario"].new({"name": "Draft", "process_kind": "manual"})
        draft.process_kind = "routemap"
        warning = draft._onchange_process_kind_warning()["warning"]["message"]
        self.assertIn("cannot be won", warning)
        arch = self.env["crm.interest.scenario"].get_views([(False, "form")])["views"]["form"]
        self.assertIn("routemap_warning", arch["arch"])

    def test_checklist_items_the_data_answers_tick_themselves(self):
        Item = self.env["crm.interest.checklist.item"]
        Item.create(
            {"name": "Demand recorded", "stage_id": self.s_contact.id, "auto_check": "demand"}
        )
        Item.create(
            {"name": "Client chosen", "stage_id": self.s_contact.id, "auto_check": "client"}
        )
        interest = self._interest(partner_id=False).with_user(self.salesman)
        self.assertEqual(interest.checklist_todo_count, 2)
        with self.assertRaises(UserError):
            interest.write({"stage_id": self.s_needs.id})
        interest.write(
            {
                "partner_id": self.client.id,
                "demand_line_ids": [(0, 0, {"name": "Desks", "quantity": 2, "price_unit": 10})],
            }
        )
        self.assertTrue(all(interest.checklist_line_ids.mapped("done")))
        self.assertEqual(interest.checklist_todo_count, 0)
        # what the data answers is not ticked (or unticked) by hand
        with self.assertRaises(UserError):
            interest.checklist_line_ids[:1].write({"done": False})
        self.assertTrue(all(interest.checklist_line_ids.mapped("done")))
        interest.demand_line_ids.unlink()  # the data goes, the tick goes
        self.assertEqual(interest.checklist_todo_count, 1)
        interest.write({"demand_line_ids": [(0, 0, {"name": "Chairs", "quantity": 1})]})
        interest.write({"stage_id": self.s_needs.id})
        self.assertEqual(interest.stage_id, self.s_needs)

    def test_one_probability_says_where_it_comes_from(self):
        interest = self._interest().with_user(self.salesman)
        interest.probability = 35
        self.assertEqual(interest.probability_basis, "set by hand")
        interest.action_set_automated_probability()
        self.assertEqual(
            interest.probability_basis,
            "not estimated: too few closed interests to learn from yet; set it by hand",
        )
        interest.sudo().write(
            {
                "probability_estimate": 50,
                "probability_estimate_won": 5,
                "probability_estimate_count": 10,
                "probability_estimate_level": "scenario",
            }
        )
        interest.action_interest_use_estimate()
        self.assertEqual(
            interest.probability_basis,
            "estimated from similar interests: 5 of 10 similar interests were won "
            "(in this state of the scenario)",
        )

    def test_state_history_reads_in_days_and_hours(self):
        interest = self._interest()
        row = interest.stage_history_ids
        row.write({"date_in": "2026-01-01 08:00:00", "date_out": "2026-01-03 11:30:00"})
        self.assertEqual(row.duration_display, "2 d 3 h")
        row.write({"date_out": "2026-01-01 13:20:00"})
        self.assertEqual(row.duration_display, "5 h 20 min")
        row.write({"date_out": False})
        self.assertTrue(row.duration_display.endswith("so far"))

    def test_go_to_state_only_for_interests_moved_by_hand(self):
        native = self.env["crm.lead"].create(
            {
                "name": "Native",
                "type": "opportunity",
                "user_id": self.salesman.id,
                "team_id": self.env["crm.team"].create({"name": "Plain team"}).id,
            }
        )
        with self.assertRefused(UserError, "moved by hand"):
            (self._interest() | native).with_user(self.salesman).action_interest_go_to_state()
        action = self._interest().with_user(self.salesman).action_interest_go_to_state()
        self.assertEqual(action["res_model"], "crm.lead.go.state")

    def test_checklist_blocks_leaving_state_and_names_items(self):
        Item = self.env["crm.interest.checklist.item"]
        call = Item.create({"name": "First call made", "stage_id": self.s_contact.id})
        Item.create({"name": "Decision maker known", "stage_id": self.s_contact.id})
        Item.create({"name": "Brochure sent", "stage_id": self.s_contact.id, "required": False})
        Item.create({"name": "Demand recorded", "stage_id": self.s_needs.id})
        interest = self._interest().with_user(self.salesman)
        self.assertEqual(len(interest.checklist_line_ids), 3)
        self.assertEqual(interest.checklist_todo_count, 2)  # "Brochure sent" is optional
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


@tagged("post_install", "-at_install")
class TestNativeBeside(InterestCase):
    """Native leads, pipelines and Odoo's own stage logic do not see scenario states."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.native_team = cls.env["crm.team"].create({"name": "Native team"})
        cls.native = cls.env["crm.lead"].create(
            {"name": "Native deal", "type": "opportunity", "team_id": cls.native_team.id}
        )
        # a scenario state ordered before every native stage
        cls.s_contact.sequence = -1

    def _board(self, domain, **context):
        groups = (
            self.env["crm.lead"]
            .with_context(read_group_expand=True, **context)
            .web_read_group(domain, ["stage_id"], ["__count"], auto_unfold=True)["groups"]
        )
        return {group["stage_id"][0]: group["__count"] for group in groups if group["stage_id"]}

    def test_one_board_one_process(self):
        interest = self._interest()
        scenario_states = set((self.scenario.stage_ids | self.other.stage_ids).ids)
        # the native pipeline: native stages and leads only
        native_board = self._board([("type", "=", "opportunity")])
        self.assertFalse(set(native_board) & scenario_states)
        self.assertIn(self.native.stage_id.id, native_board)
        self.assertNotIn(interest.stage_id.id, native_board)
        board = self._board([("type", "=", "opportunity")], default_team_id=self.native_team.id)
        self.assertFalse(set(board) & scenario_states)
        # the pipeline of a team working by a scenario: that scenario's states only
        board = self._board([("type", "=", "opportunity")], default_team_id=self.team.id)
        self.assertEqual(list(board), self.scenario.stage_ids.ids)
        self.assertEqual(board[self.s_contact.id], 1)
        # a native lead still moves between native stages
        other_stage = self.env["crm.stage"].search(
            [("scenario_id", "=", False), ("id", "!=", self.native.stage_id.id)], limit=1
        )
        self.native.stage_id = other_stage
        self.assertEqual(self.native.stage_id, other_stage)

    def test_lead_scoring_first_stage_is_native(self):
        Lead = self.env["crm.lead"]
        first_native = self.env["crm.stage"].search(
            [("team_ids", "=", False), ("scenario_id", "=", False)], order="sequence, id", limit=1
        )
        results = {"stage_id": {str(first_native.id): {"won": 3, "lost": 2}}}
        results["stage_id"][str(self.s_contact.id)] = {"won": 0, "lost": 9}
        self.assertEqual(Lead._pls_get_won_lost_total_count(results), (3, 2, 5))
        # within one scoring computation the first stage is searched once, not once per
        # team of the frequency table (Odoo's lead-assignment query counts depend on it)
        from odoo.addons.crm_interest.models.crm_lead_native import _PLS_MEMO_KEY, _PlsMemo  # noqa: PLC0415

        scoring = Lead.with_context(**{_PLS_MEMO_KEY: _PlsMemo()})
        self.env.flush_all()
        with self.assertQueryCount(1):
            for _team in range(4):
                self.assertEqual(scoring._pls_get_won_lost_total_count(results), (3, 2, 5))

    def test_merge_keeps_native_leads_in_native_stages(self):
        other = self.env["crm.lead"].create(
            {"name": "Native deal 2", "type": "opportunity", "team_id": self.native_team.id}
        )
        merged = (self.native | other).merge_opportunity(team_id=self.native_team.id)
        self.assertFalse(merged.stage_id.scenario_id)
        self.assertFalse(merged.scenario_id)

    def test_uninstall_leaves_no_scenario_state(self):
        from odoo.addons.crm_interest.hooks import uninstall_hook  # noqa: PLC0415

        open_interest, won = self._interest("Open"), self._interest("Won")
        won.action_set_won()
        uninstall_hook(self.env)
        self.assertFalse(self.env["crm.stage"].search([("scenario_id", "!=", False)]))
        self.assertFalse(open_interest.stage_id.scenario_id)
        self.assertFalse(open_interest.stage_id.is_won)
        self.assertTrue(won.stage_id.is_won)
        self.assertFalse(won.stage_id.scenario_id)

    def test_chatter_shows_a_tracked_process_kind_in_the_readers_language(self):
        """The demo data is written in English: its chatter ("Manual stage moves -> Controlled
        by a route map") reads in Russian for a Russian user (issue 22)."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_interest"], ["ru_RU"])
        interest = self._interest()
        # what a change made in English (the demo's install) leaves in the chatter
        tracking = self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]._get("crm.lead", "process_kind").id,
                "old_value_char": "Manual stage moves",
                "new_value_char": "Controlled by a route map",
                "mail_message_id": interest.message_post(body="Switched").id,
            }
        )
        labels = dict(
            self.env["crm.lead"]
            ._fields["process_kind"]
            ._description_selection(self.env(context={"lang": "ru_RU"}))
        )
        self.assertNotEqual(labels["routemap"], "Controlled by a route map")
        russian = tracking.with_context(lang="ru_RU")._tracking_value_format()
        self.assertEqual(
            (russian[0]["oldValue"], russian[0]["newValue"]),
            (labels["manual"], labels["routemap"]),
        )
        english = tracking.with_context(lang="en_US")._tracking_value_format()
        self.assertEqual(english[0]["newValue"], "Controlled by a route map")
