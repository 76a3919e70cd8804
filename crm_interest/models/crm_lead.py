from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from ..pure import process
from .crm_interest_scenario import PROCESS_KINDS


class _ServerToken:
    """Marks a change made by server code of this module.

    Only server code can put this object in a context: JSON-RPC cannot build it, so
    no client call (form, kanban drag, import, RPC) can pretend to be a route map.
    """


_SERVER = _ServerToken()
_STATE_KEY = "crm_interest_state_token"  # a route map moves the state
_LOST_KEY = "crm_interest_lost_token"  # action_set_lost archives, then writes the reason
_STAGE_DEPENDENCIES = ("stage_id", "scenario_id", "team_id", "type")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    scenario_id = fields.Many2one(
        "crm.interest.scenario",
        string="Scenario",
        compute="_compute_scenario_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The ordered set of states this interest goes through.",
    )
    process_kind = fields.Selection(
        PROCESS_KINDS,
        compute="_compute_process_kind",
        store=True,
        readonly=False,
        tracking=True,
    )
    stage_id = fields.Many2one(
        domain="[('scenario_id', '=', scenario_id)] if scenario_id else "
        "[('scenario_id', '=', False), '|', ('team_ids', '=', False), ('team_ids', 'in', team_id)]"
    )
    furthest_stage_id = fields.Many2one(
        "crm.stage",
        string="Furthest State",
        readonly=True,
        copy=False,
        help="The furthest state of its scenario this interest has reached.",
    )
    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", store=True, readonly=False, default=None
    )
    demand_line_ids = fields.One2many(
        "crm.interest.demand.line", "lead_id", string="Primary Demand", copy=True
    )
    participant_ids = fields.One2many(
        "crm.interest.participant", "lead_id", string="Participants", copy=True
    )
    checklist_line_ids = fields.One2many(
        "crm.interest.checklist.line", "lead_id", string="Checklist"
    )
    checklist_todo_count = fields.Integer(compute="_compute_checklist_todo_count")
    stage_history_ids = fields.One2many(
        "crm.interest.stage.history", "lead_id", string="State History"
    )
    lost_competitor_id = fields.Many2one(
        "res.partner", string="Lost to Competitor", tracking=True, index="btree_not_null"
    )
    lost_reason_is_competitor = fields.Boolean(
        related="lost_reason_id.is_competitor", string="Reason Names a Competitor"
    )

    # ------------------------------------------------------------------ computes

    @api.depends("type", "team_id")
    def _compute_scenario_id(self):
        for lead in self:
            if lead.type == "opportunity" and not lead.scenario_id:
                lead.scenario_id = lead.team_id.interest_scenario_id
            else:
                lead.scenario_id = lead.scenario_id

    @api.depends("scenario_id")
    def _compute_process_kind(self):
        for lead in self:
            lead.process_kind = lead.scenario_id.process_kind or False

    @api.depends("team_id", "type", "scenario_id")
    def _compute_stage_id(self):
        interests = self.filtered("scenario_id")
        for lead in interests:
            if lead.stage_id.scenario_id != lead.scenario_id:
                lead.stage_id = lead.scenario_id.stage_ids[:1]
        return super(CrmLead, self - interests)._compute_stage_id()

    @api.depends("demand_line_ids.price_subtotal")
    def _compute_expected_revenue(self):
        for lead in self:
            if lead.demand_line_ids:
                lead.expected_revenue = sum(lead.demand_line_ids.mapped("price_subtotal"))
            else:
                lead.expected_revenue = lead.expected_revenue

    @api.depends("checklist_line_ids.done", "stage_id")
    def _compute_checklist_todo_count(self):
        for lead in self:
            lead.checklist_todo_count = len(
                lead.checklist_line_ids.filtered(
                    lambda line, lead=lead: not line.done and line.stage_id == lead.stage_id
                )
            )

    # ------------------------------------------------------------------ constraints

    @api.constrains("stage_id")  # a new scenario recomputes the state: checked then
    def _check_stage_in_scenario(self):
        for lead in self:
            if lead.stage_id and lead.stage_id.scenario_id != lead.scenario_id:
                raise ValidationError(
                    lead._interest_refusal_message(
                        process.OUTSIDE_SCENARIO, lead.stage_id, lead.scenario_id
                    )
                )

    @api.constrains("active", "probability", "lost_reason_id", "lost_competitor_id")
    def _check_lost_reason(self):
        if self.env.context.get(_LOST_KEY) is _SERVER:
            return  # checked once action_set_lost has written the reason
        for lead in self.filtered("scenario_id"):
            if lead.active or lead.probability:
                continue
            if not lead.lost_reason_id:
                raise ValidationError(
                    _('Interest "%s" cannot be marked lost without a loss reason.', lead.name)
                )
            if lead.lost_reason_id.is_competitor and not lead.lost_competitor_id:
                raise ValidationError(
                    _(
                        'Interest "%(interest)s" is lost for "%(reason)s": name the competitor '
                        "it was lost to.",
                        interest=lead.name,
                        reason=lead.lost_reason_id.name,
                    )
                )

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        by_route_map = self.env.context.get(_STATE_KEY) is _SERVER
        leads = super().create(vals_list)
        interests = leads.filtered(lambda lead: lead.scenario_id and lead.stage_id)
        if not by_route_map:
            for lead, vals in zip(leads, vals_list, strict=True):
                if (
                    lead.process_kind == process.ROUTEMAP
                    and vals.get("stage_id")
                    and lead.stage_id != lead.scenario_id.stage_ids[:1]
                ):
                    raise UserError(
                        lead._interest_refusal_message(
                            process.CONTROLLED, lead.stage_id, lead.scenario_id
                        )
                    )
        interests._interest_enter_stage()
        return leads

    def write(self, vals):
        if not any(name in vals for name in (*_STAGE_DEPENDENCIES, "process_kind")):
            return super().write(vals)
        self._interest_check_write(vals)
        old_stages = {lead.id: lead.stage_id for lead in self}
        result = super().write(vals)
        moved = self.filtered(
            lambda lead: lead.scenario_id and lead.stage_id != old_stages[lead.id]
        )
        if moved:
            moved._interest_enter_stage()
        return result

    def _interest_check_write(self, vals):
        by_route_map = self.env.context.get(_STATE_KEY) is _SERVER
        if "process_kind" in vals:
            for lead in self:
                if not process.kind_switch_allowed(
                    lead.process_kind, vals["process_kind"], by_route_map
                ):
                    raise UserError(
                        _(
                            'Interest "%s" cannot be put under route-map control by hand: only a '
                            "route map that starts on it does that.",
                            lead.name,
                        )
                    )
            switched = self.filtered(
                lambda lead: (
                    lead.process_kind == process.ROUTEMAP and vals["process_kind"] == process.MANUAL
                )
            )
            for lead in switched:
                lead.message_post(
                    body=_(
                        "The interest left route-map control: its states are now moved by hand. "
                        "This cannot be undone by hand."
                    )
                )
        if "scenario_id" in vals and not by_route_map:
            locked = self.filtered(
                lambda lead: (
                    lead.process_kind == process.ROUTEMAP
                    and lead.scenario_id.id != vals["scenario_id"]
                )
            )
            if locked:
                raise UserError(
                    _(
                        'Interest "%s" is controlled by a route map: its scenario cannot change.',
                        locked[0].name,
                    )
                )
        if "stage_id" not in vals:
            return
        stage = self.env["crm.stage"].browse(vals["stage_id"])
        scenario_changes = "scenario_id" in vals
        new_scenario = self.env["crm.interest.scenario"].browse(vals.get("scenario_id"))
        for lead in self:
            scenario = new_scenario if scenario_changes else lead.scenario_id
            if not scenario or lead.stage_id == stage:
                continue
            reason = process.refusal(
                lead.process_kind if not scenario_changes else scenario.process_kind,
                stage.scenario_id == scenario,
                stage.is_won,
                by_route_map,
            )
            if reason:
                error = ValidationError if reason == process.OUTSIDE_SCENARIO else UserError
                raise error(lead._interest_refusal_message(reason, stage, scenario))
            if not scenario_changes:
                lead._interest_check_leave_state()

    def _interest_refusal_message(self, reason, stage, scenario):
        self.ensure_one()
        if reason == process.OUTSIDE_SCENARIO:
            if not scenario:
                return _(
                    'State "%(state)s" belongs to scenario "%(scenario)s": set that scenario '
                    'on "%(interest)s" first.',
                    state=stage.name,
                    scenario=stage.scenario_id.name,
                    interest=self.name,
                )
            return _(
                'State "%(state)s" is not a state of scenario "%(scenario)s" of interest '
                '"%(interest)s".',
                state=stage.name,
                scenario=scenario.name,
                interest=self.name,
            )
        if reason == process.CONTROLLED:
            return _(
                'Interest "%s" is controlled by a route map: its state changes only when its '
                "route map moves on. Complete the route map's task, or switch the interest to "
                "manual stage moves.",
                self.name,
            )
        return _(
            'Interest "%s" is non-process: it has no stages to move through, it can only be '
            "won or lost. Switch it to manual stage moves to follow the states.",
            self.name,
        )

    def _interest_check_leave_state(self):
        """Refuse leaving the current state while its checklist or fields are not complete."""
        self.ensure_one()
        missing = self.checklist_line_ids.filtered(
            lambda line: line.stage_id == self.stage_id and line.required and not line.done
        ).mapped("name")
        missing += [
            field.field_description
            for field in self.stage_id.sudo().interest_required_field_ids
            if not self[field.name]
        ]
        if missing:
            raise UserError(
                _(
                    'Interest "%(interest)s" cannot leave state "%(state)s" yet. Still to do:\n%(items)s',
                    interest=self.name,
                    state=self.stage_id.name,
                    items="\n".join(f"- {name}" for name in missing),
                )
            )

    def _interest_enter_stage(self):
        """Record the state change: history, furthest state, the new state's checklist."""
        self._interest_trigger_estimates()
        now = fields.Datetime.now()
        History = self.env["crm.interest.stage.history"].sudo()
        History.search([("lead_id", "in", self.ids), ("date_out", "=", False)]).write(
            {"date_out": now}
        )
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "scenario_id": lead.scenario_id.id,
                    "company_id": lead.company_id.id,
                    "date_in": now,
                    "user_id": self.env.uid,
                }
                for lead in self
            ]
        )
        for stage, leads in self.grouped("stage_id").items():
            further = leads.filtered(
                lambda lead, stage=stage: (
                    not lead.furthest_stage_id
                    or lead.furthest_stage_id.scenario_id != lead.scenario_id
                    or lead.furthest_stage_id.sequence < stage.sequence
                )
            )
            if further:
                further.write({"furthest_stage_id": stage.id})
        items = self.stage_id.checklist_item_ids
        if items:
            existing = set(
                self.env["crm.interest.checklist.line"]
                .sudo()
                .search_fetch(
                    [("lead_id", "in", self.ids), ("item_id", "in", items.ids)],
                    ["lead_id", "item_id"],
                )
                .mapped(lambda line: (line.lead_id.id, line.item_id.id))
            )
            self.env["crm.interest.checklist.line"].sudo().create(
                [
                    {"lead_id": lead.id, "item_id": item.id}
                    for lead in self
                    for item in lead.stage_id.checklist_item_ids
                    if (lead.id, item.id) not in existing
                ]
            )

    # ------------------------------------------------------------------ stages

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        scenario = self._interest_scenario_of_view(domain)
        if scenario:
            return scenario.stage_ids
        return (
            super()
            ._read_group_stage_ids(stages, domain)
            .filtered(lambda stage: not stage.scenario_id or stage in stages)
        )

    @api.model
    def _interest_scenario_of_view(self, domain):
        """The one scenario a kanban shows: from the context or the view's domain."""
        scenario_ids = set()
        if self.env.context.get("default_scenario_id"):
            scenario_ids.add(self.env.context["default_scenario_id"])
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr != "scenario_id" or condition.operator not in ("=", "in"):
                continue
            values = condition.value if condition.operator == "in" else [condition.value]
            scenario_ids.update(value for value in values if type(value) is int)
        if len(scenario_ids) != 1:
            return self.env["crm.interest.scenario"]
        return self.env["crm.interest.scenario"].browse(scenario_ids).exists()

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        scenario = self.scenario_id
        if self and len(scenario) == 1 and all(self.mapped("scenario_id")):
            return self.env["crm.stage"].search(
                [("scenario_id", "=", scenario.id), *(domain or [])], order=order, limit=limit
            )
        return super()._stage_find(
            team_id=team_id,
            domain=[("scenario_id", "=", False), *(domain or [])],
            order=order,
            limit=limit,
        )

    # ------------------------------------------------------------------ actions

    def action_set_won(self):
        for scenario, leads in self.grouped("scenario_id").items():
            if scenario and not scenario.stage_ids.filtered("is_won"):
                raise UserError(_('Scenario "%s" has no won state.', scenario.name))
            super(CrmLead, leads).action_set_won()
        return True

    def action_set_lost(self, **additional_values):
        result = super(CrmLead, self.with_context(**{_LOST_KEY: _SERVER})).action_set_lost(
            **additional_values
        )
        self._check_lost_reason()
        return result

    @api.model
    def action_interest_my_sales(self):
        """Open "My Sales" on the scenario of the user's team (or the first one)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interest.crm_lead_action_my_sales"
        )
        scenario = self.env.user.sale_team_id.interest_scenario_id or self.env[
            "crm.interest.scenario"
        ].search([], limit=1)
        if scenario:
            action["context"] = {
                **safe_eval(action.get("context") or "{}", {"uid": self.env.uid}),
                "searchpanel_default_scenario_id": scenario.id,
            }
        return action

    def action_interest_go_to_state(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Go to State"),
            "res_model": "crm.lead.go.state",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_ids": self.ids},
        }

    def action_interest_switch_to_manual(self):
        self.filtered(lambda lead: lead.process_kind == process.ROUTEMAP).write(
            {"process_kind": process.MANUAL}
        )

    @api.private
    def _interest_set_state(self, stage):
        """Move controlled interests to `stage`: the one path a route map uses.

        Every rule of the scenario still applies (the state must be of the interest's
        scenario; the checklist of the state left must be complete).
        """
        return self.with_context(**{_STATE_KEY: _SERVER}).write({"stage_id": stage.id})
