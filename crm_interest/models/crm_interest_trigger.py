from datetime import datetime, time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

EVENTS = [
    ("enter", "On entering a state"),
    ("won", "On won"),
    ("lost", "On lost"),
    ("idle", "After days without activity in a state"),
]
ACTIONS = [
    ("activity", "Plan an activity"),
    ("email", "Send an email"),
    ("responsible", "Change the responsible"),
    ("followers", "Add followers"),
]
ASSIGNEES = [
    ("responsible", "The responsible salesperson"),
    ("team_leader", "The sales team leader"),
    ("user", "A chosen user"),
]


class CrmInterestTrigger(models.Model):
    """A scenario's automation in plain words (Триггеры).

    Each trigger keeps one `base.automation` rule in step with it: Odoo's own engine
    watches the event and runs the action; this model only writes the rule.
    """

    _name = "crm.interest.trigger"
    _description = "Interest Scenario Trigger"
    _order = "scenario_id, sequence, id"

    scenario_id = fields.Many2one(
        "crm.interest.scenario", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    event = fields.Selection(EVENTS, required=True, default="enter")
    stage_id = fields.Many2one(
        "crm.stage", string="State", domain="[('scenario_id', '=', scenario_id)]"
    )
    idle_days = fields.Integer(string="Days Without Activity", default=7)
    action = fields.Selection(ACTIONS, required=True, default="activity")
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'crm.lead')]",
    )
    activity_summary = fields.Char(string="Summary", translate=True)
    activity_delay = fields.Integer(
        string="Due in (working days)", help="Working days of the company's calendar."
    )
    assignee = fields.Selection(ASSIGNEES, default="responsible")
    user_id = fields.Many2one("res.users", string="User", domain="[('share', '=', False)]")
    mail_template_id = fields.Many2one(
        "mail.template", string="Email Template", domain="[('model', '=', 'crm.lead')]"
    )
    partner_ids = fields.Many2many("res.partner", string="Followers")
    automation_id = fields.Many2one(
        "base.automation",
        string="Automation Rule",
        readonly=True,
        ondelete="set null",
        copy=False,
    )
    description = fields.Char(compute="_compute_description", string="What Happens")

    @api.depends(
        "event",
        "stage_id",
        "idle_days",
        "action",
        "activity_type_id",
        "activity_summary",
        "activity_delay",
        "assignee",
        "user_id",
        "mail_template_id",
        "partner_ids",
    )
    def _compute_description(self):
        for trigger in self:
            trigger.description = f"{trigger._event_words()}: {trigger._action_words()}"

    def _event_words(self):
        state = self.stage_id.name or "?"
        if self.event == "enter":
            return _("On entering «%s»", state)
        if self.event == "idle":
            return _(
                "After %(days)s days without activity in «%(state)s»",
                days=self.idle_days,
                state=state,
            )
        return _("On won") if self.event == "won" else _("On lost")

    def _assignee_words(self):
        if self.assignee == "user":
            return self.user_id.name or "?"
        return dict(self._fields["assignee"]._description_selection(self.env)).get(
            self.assignee, ""
        )

    def _action_words(self):
        if self.action == "activity":
            return _(
                "plan «%(activity)s» for %(who)s, due in %(days)s working days",
                activity=self.activity_summary or self.activity_type_id.name or "?",
                who=self._assignee_words(),
                days=self.activity_delay,
            )
        if self.action == "email":
            return _("send «%s»", self.mail_template_id.name or "?")
        if self.action == "responsible":
            return _("make %s responsible", self._assignee_words())
        return _("add %s as followers", ", ".join(self.partner_ids.mapped("name")) or "?")

    @api.constrains(
        "event",
        "stage_id",
        "action",
        "activity_type_id",
        "mail_template_id",
        "assignee",
        "user_id",
        "partner_ids",
        "idle_days",
    )
    def _check_complete(self):
        for trigger in self:
            missing = []
            if trigger.event in ("enter", "idle") and not trigger.stage_id:
                missing.append(_("the state"))
            if trigger.event == "idle" and trigger.idle_days <= 0:
                missing.append(_("a number of days"))
            if trigger.action == "activity" and not trigger.activity_type_id:
                missing.append(_("the activity type"))
            if trigger.action == "email" and not trigger.mail_template_id:
                missing.append(_("the email template"))
            if (
                trigger.action in ("activity", "responsible")
                and trigger.assignee == "user"
                and not trigger.user_id
            ):
                missing.append(_("the user"))
            if trigger.action == "followers" and not trigger.partner_ids:
                missing.append(_("the followers"))
            if trigger.stage_id and trigger.stage_id.scenario_id != trigger.scenario_id:
                missing.append(_("a state of this scenario"))
            if missing:
                raise ValidationError(
                    _(
                        'The trigger "%(trigger)s" needs %(missing)s.',
                        trigger=trigger.description,
                        missing=", ".join(missing),
                    )
                )

    # ------------------------------------------------------------------ sync

    @api.model_create_multi
    def create(self, vals_list):
        triggers = super().create(vals_list)
        triggers._sync_automation()
        return triggers

    def write(self, vals):
        result = super().write(vals)
        self._sync_automation()
        return result

    def unlink(self):
        self.check_access("unlink")
        rules = self.sudo().automation_id
        result = super().unlink()
        rules.unlink()
        return result

    def _sync_automation(self):
        """Create or rewrite the base.automation rule of each trigger.

        Sales administrators manage triggers without being Odoo administrators: the rule
        is written with elevated rights, once the caller's right on the trigger is checked.
        """
        if not self:
            return
        self.check_access("write")
        lead_model = self.env["ir.model"].sudo()._get("crm.lead")
        for trigger in self.sudo():
            values = {
                "name": _(
                    "%(scenario)s: %(what)s",
                    scenario=trigger.scenario_id.name,
                    what=trigger.description,
                ),
                "model_id": lead_model.id,
                "active": trigger.active and trigger.scenario_id.active,
                **trigger._automation_event_values(),
            }
            action = trigger._automation_action_values(lead_model)
            # server actions refuse one2many commands under elevated rights (they would run
            # as the user): the rule and its action are written one by one
            if trigger.automation_id:
                trigger.automation_id.action_server_ids.unlink()
                trigger.automation_id.write(values)
            else:
                rule = trigger.env["base.automation"].create(values)
                super(CrmInterestTrigger, trigger).write({"automation_id": rule.id})
            trigger.env["ir.actions.server"].create(
                {**action, "base_automation_id": trigger.automation_id.id}
            )
            if trigger.event == "idle" and trigger.active:
                trigger.stage_id.rotting_threshold_days = trigger.idle_days

    def _automation_event_values(self):
        scenario = [("scenario_id", "=", self.scenario_id.id)]
        if self.event == "enter":
            return {
                "trigger": "on_stage_set",
                "trg_field_ref": self.stage_id.id,
                "filter_domain": repr([("stage_id", "=", self.stage_id.id)]),
            }
        if self.event == "idle":
            # counted from the last client work, not from the last write: documents and
            # accounting rewrite the interest without being work with the client
            return {
                "trigger": "on_time",
                "trg_date_id": self.env["ir.model.fields"]
                .sudo()
                ._get("crm.lead", "interest_activity_date")
                .id,
                "trg_date_range": self.idle_days,
                "trg_date_range_type": "day",
                "trg_date_range_mode": "after",
                "filter_domain": repr(
                    [("stage_id", "=", self.stage_id.id), ("won_status", "=", "pending")]
                ),
            }
        status = self.event
        fields_watched = (
            self.env["ir.model.fields"]
            .sudo()
            .search(
                [
                    ("model", "=", "crm.lead"),
                    ("name", "in", ("stage_id", "probability", "active")),
                ]
            )
        )
        return {
            "trigger": "on_create_or_write",
            "filter_pre_domain": repr([("won_status", "!=", status)]),
            "filter_domain": repr([*scenario, ("won_status", "=", status)]),
            "trigger_field_ids": [(6, 0, fields_watched.ids)],
        }

    def _automation_action_values(self, lead_model):
        base = {"name": self.description, "model_id": lead_model.id, "usage": "base_automation"}
        if self.action == "email":
            return {
                **base,
                "state": "mail_post",
                "template_id": self.mail_template_id.id,
                "mail_post_method": "comment",
            }
        if self.action == "followers":
            return {**base, "state": "followers", "partner_ids": [(6, 0, self.partner_ids.ids)]}
        # activities (working days, assignee rule) and the responsible: this trigger decides
        return {
            **base,
            "state": "code",
            "code": f"env['crm.interest.trigger'].browse({self.id})._run(records)",
        }

    def action_apply_to_current(self):
        """Run "on entering" triggers for the open interests already in their state.

        It acts on every matching interest (an email trigger mails them all): sales
        administrators only, checked here whatever the client sends.
        """
        if not (self.env.su or self.env.user.has_group("sales_team.group_sale_manager")):
            raise AccessError(
                _(
                    "Only sales administrators may apply a trigger to the interests already in its state."
                )
            )
        self.check_access("write")
        for trigger in self.filtered(lambda t: t.event == "enter" and t.active):
            leads = self.env["crm.lead"].search(
                [
                    ("scenario_id", "=", trigger.scenario_id.id),
                    ("stage_id", "=", trigger.stage_id.id),
                    ("won_status", "=", "pending"),
                ]
            )
            if leads:
                trigger.sudo().automation_id._process(leads)

    # ------------------------------------------------------------------ run

    def _run(self, leads):
        """Apply the trigger's action to `leads` (called by its automation rule)."""
        trigger = self.exists()
        if not trigger or not leads:
            return
        if trigger.action == "responsible":
            for lead in leads:
                user = trigger._assignee_user(lead)
                if user and lead.user_id != user:
                    lead.user_id = user
        elif trigger.action == "activity":
            for lead in leads:
                lead.activity_schedule(
                    activity_type_id=trigger.activity_type_id.id,
                    summary=trigger.activity_summary or False,
                    date_deadline=trigger._deadline(lead),
                    user_id=(trigger._assignee_user(lead) or self.env.user).id,
                )

    def _assignee_user(self, lead):
        if self.assignee == "user":
            return self.user_id
        if self.assignee == "team_leader":
            return lead.team_id.user_id or lead.user_id
        return lead.user_id

    def _deadline(self, lead):
        """Today plus the delay in working days of the company's calendar."""
        today = fields.Date.context_today(self)
        calendar = (lead.company_id or self.env.company).resource_calendar_id
        if not self.activity_delay or not calendar:
            return fields.Date.add(today, days=self.activity_delay)
        start = datetime.combine(today, time(23, 59))
        return calendar.plan_days(self.activity_delay, start, compute_leaves=True).date()
