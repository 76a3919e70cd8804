from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
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
_STATUS_FIELDS = ("process_kind", "active", "probability")


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
        tracking=True,
        help="The interest's own process kind: given by its scenario when the interest gets "
        "it, then kept (a later change of the scenario's default does not touch it).",
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
        "res.partner",
        string="Lost to Competitor",
        tracking=True,
        index="btree_not_null",
        domain="[('is_competitor', '=', True)]",
    )
    interest_activity_date = fields.Datetime(
        string="Last Client Work",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the client work on this interest last moved: a state change, an "
        "interaction, a message or an activity (documents and accounting do not count). "
        'The "days without activity" triggers count from it.',
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

    @api.onchange("scenario_id")
    def _onchange_scenario_id_process_kind(self):
        if self.scenario_id != self._origin.scenario_id or not self.process_kind:
            self.process_kind = self.scenario_id.process_kind or False

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

    @api.depends("checklist_line_ids.done", "checklist_line_ids.required", "stage_id")
    def _compute_checklist_todo_count(self):
        for lead in self:
            lead.checklist_todo_count = len(
                lead.checklist_line_ids.filtered(
                    lambda line, lead=lead: (
                        line.required and not line.done and line.stage_id == lead.stage_id
                    )
                )
            )

    def _interest_checklist_answer(self, kind):
        """Whether the interest's data answers a checklist item of this kind (see
        crm.interest.checklist.item.auto_check); addons add kinds."""
        self.ensure_one()
        if kind == "demand":
            return bool(self.demand_line_ids)
        if kind == "client":
            return bool(self.partner_id)
        if kind == "amount":
            return bool(self.expected_revenue)
        return False

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
        if not leads.filtered("scenario_id"):
            return leads  # native leads only
        leads._interest_default_process_kind()
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
        if not any(name in vals for name in (*_STAGE_DEPENDENCIES, *_STATUS_FIELDS)):
            return super().write(vals)
        if not self._interest_concerned(vals):
            return super().write(vals)  # native leads that stay native: native write
        if "scenario_id" in vals and self:
            # the scenario an interest already has is no change: a form save or an import
            # sending it again with the state goes through every check of a state move
            unchanged = self.filtered(
                lambda lead: lead.scenario_id.id == (vals["scenario_id"] or False)
            )
            if unchanged:
                rest = {key: value for key, value in vals.items() if key != "scenario_id"}
                if rest:
                    unchanged.write(rest)
                others = self - unchanged
                return others.write(vals) if others else True
        self._interest_check_write(vals)
        old = {
            lead.id: (lead.stage_id, lead.scenario_id, lead.process_kind, lead.won_status)
            for lead in self
        }
        result = super().write(vals)
        rescoped = self.filtered(lambda lead: lead.scenario_id != old[lead.id][1])
        if rescoped and "process_kind" not in vals:
            rescoped._interest_default_process_kind(force=True)
        moved = self.filtered(lambda lead: lead.scenario_id and lead.stage_id != old[lead.id][0])
        if moved:
            moved._interest_enter_stage()
        # closed or reopened where it stands: the time in its state stops or starts again
        still = self.filtered(
            lambda lead: (
                lead.scenario_id
                and lead.stage_id
                and lead not in moved
                and (lead.won_status == "pending") != (old[lead.id][3] == "pending")
            )
        )
        if still:
            History = self.env["crm.interest.stage.history"].sudo()
            now = fields.Datetime.now()
            History._interest_close_open(still, now)
            History._interest_open(still.filtered(lambda lead: lead.won_status == "pending"), now)
        self._interest_post_kind_switch({lead_id: values[2] for lead_id, values in old.items()})
        return result

    def _interest_concerned(self, vals):
        """Whether this write may touch an interest: one of the leads has a scenario or
        gets one (from `vals`, or from its team when it becomes an opportunity)."""
        if vals.get("scenario_id"):
            return True
        if vals.get("team_id"):
            if self.env["crm.team"].browse(vals["team_id"]).interest_scenario_id:
                return True
            return any(lead.scenario_id for lead in self)
        return any(lead.scenario_id or lead.team_id.interest_scenario_id for lead in self)

    def _interest_default_process_kind(self, force=False):
        """Give interests the process kind of their scenario (new ones, or a new scenario)."""
        for kind, leads in self.grouped(
            lambda lead: lead.scenario_id.process_kind or False
        ).items():
            leads = leads if force else leads.filtered(lambda lead: not lead.process_kind)
            leads = leads.filtered(lambda lead, kind=kind: lead.process_kind != kind)
            if leads:
                super(CrmLead, leads).write({"process_kind": kind})

    def _interest_post_kind_switch(self, old_kinds):
        """Post every change of process kind in the chatter: who, from what, to what, why."""
        labels = dict(self._fields["process_kind"]._description_selection(self.env))
        reason = self.env.context.get("interest_switch_reason")
        for lead in self:
            old_kind = old_kinds.get(lead.id)
            if not old_kind or old_kind == lead.process_kind:
                continue
            lead.message_post(
                body=_(
                    "%(user)s switched the process kind from «%(old)s» to «%(new)s». "
                    "Reason: %(reason)s",
                    user=self.env.user.name,
                    old=labels.get(old_kind, old_kind),
                    new=labels.get(lead.process_kind, _("none")),
                    reason=reason or _("not given"),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

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
            released = self.filtered(
                lambda lead: (
                    lead.process_kind == process.ROUTEMAP
                    and vals["process_kind"] != process.ROUTEMAP
                )
            )
            if released and not by_route_map and not self._interest_may_release():
                raise AccessError(
                    _(
                        'Interest "%s" is controlled by a route map: only a sales administrator '
                        "(a manager of its scenario) may release it from route-map control.",
                        released[0].name,
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
        scenario_changes = "scenario_id" in vals  # a real change: equal values were split off
        new_scenario = self.env["crm.interest.scenario"].browse(vals.get("scenario_id"))
        for lead in self:
            scenario = new_scenario if scenario_changes else lead.scenario_id
            if not scenario or lead.stage_id == stage:
                continue
            # the interest's own kind (or the one this write gives it), never the
            # scenario's default, unless the interest had no kind yet
            kind = vals.get("process_kind") or lead.process_kind or scenario.process_kind
            reason = process.refusal(
                kind, stage.scenario_id == scenario, stage.is_won, by_route_map
            )
            if reason:
                error = ValidationError if reason == process.OUTSIDE_SCENARIO else UserError
                raise error(lead._interest_refusal_message(reason, stage, scenario))
            if not scenario_changes:
                lead._interest_check_leave_state()

    @api.model
    def _interest_may_release(self):
        """Only sales administrators release an interest from route-map control."""
        return self.env.su or self.env.user.has_group("sales_team.group_sale_manager")

    def unlink(self):
        self.env["crm.interest.stage.history"].sudo()._interest_forget(self.filtered("scenario_id"))
        return super().unlink()

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

    def _interest_touch(self):
        """Record client work on these interests now (state change, interaction, message,
        activity): one UPDATE, no write() (it is no change of the interest's data)."""
        interests = self.filtered("scenario_id")
        if not interests:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE crm_lead SET interest_activity_date = %s WHERE id IN %s",
                fields.Datetime.now(),
                tuple(interests.ids),
            )
        )
        interests.invalidate_recordset(["interest_activity_date"])

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if msg_values.get("message_type") in ("comment", "email", "email_outgoing", "sms"):
            self._interest_touch()
        return result

    def _interest_enter_stage(self):
        """Record the state change: history, furthest state, the new state's checklist, the
        last client work, and
        the estimate of the interests that moved (at once, from their scenarios' closed
        interests; the others are refreshed daily and when an interest closes)."""
        now = fields.Datetime.now()
        self._interest_touch()
        History = self.env["crm.interest.stage.history"].sudo()
        History._interest_close_open(self, now)
        pending = self.filtered(lambda lead: lead.won_status == "pending")
        History._interest_open(pending, now)
        History._interest_open(self - pending, now, closed=True)
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
        open_interests = self.filtered(lambda lead: lead.won_status == "pending" and lead.active)
        if open_interests:
            open_interests._interest_refresh_estimates(
                self._interest_estimator(open_interests.scenario_id)
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
        scenario = self._interest_default_scenario()
        if scenario:
            action["context"] = {
                **safe_eval(action.get("context") or "{}", {"uid": self.env.uid}),
                "searchpanel_default_scenario_id": scenario.id,
            }
        return action

    @api.model
    @api.readonly
    def interest_funnel_report(self, filters=None):
        """The sales funnel report's figures (client action crm_interest.funnel_report) over
        the interests the caller may read: states with the interests and amount that reached
        them, conversions, average days, totals, drill-down domains and filter choices."""
        self.check_access("read")
        return self.env["crm.interest.funnel"]._report(filters or {})

    def action_interest_go_to_state(self):
        self.check_access("write")
        refused = self.filtered(lambda lead: not lead.scenario_id or lead.process_kind != "manual")
        if refused:
            raise UserError(
                _(
                    "Only interests whose states are moved by hand go to a state: %s.",
                    ", ".join(refused.mapped("name")),
                )
            )
        if len(self.scenario_id) > 1:
            raise UserError(_("Choose interests of one scenario: their states differ."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Go to State"),
            "res_model": "crm.lead.go.state",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_ids": self.ids},
        }

    def action_interest_switch_to_manual(self, reason=None):
        """Release route-map controlled interests to manual moves (sales administrators only;
        the switch, its author and `reason` are posted in the chatter)."""
        if not self._interest_may_release():
            raise AccessError(
                _("Only sales administrators may release interests from route-map control.")
            )
        leads = self.filtered(lambda lead: lead.process_kind == process.ROUTEMAP)
        if reason:
            leads = leads.with_context(interest_switch_reason=reason)
        leads.write({"process_kind": process.MANUAL})
        return True

    @api.model
    def _interest_demo_localize(self, lang, texts):
        """Demo data: the texts of fields that have no translations (an interest's or a claim's
        name, subject, description) in `lang` when the database has it, so that the demo tells
        its story in the language it was created with. `texts`: {xml id: {field: text}}."""
        if not self.env["res.lang"]._get_code(lang):
            return
        env = self.env(context={**self.env.context, "tracking_disable": True})
        for xmlid, values in texts.items():
            record = env.ref(xmlid, raise_if_not_found=False)
            if record:
                record.write(values)

    @api.private
    def _interest_set_state(self, stage):
        """Move controlled interests to `stage`: the one path a route map uses.

        Every rule of the scenario still applies (the state must be of the interest's
        scenario; the checklist of the state left must be complete).
        """
        return self.with_context(**{_STATE_KEY: _SERVER}).write({"stage_id": stage.id})
