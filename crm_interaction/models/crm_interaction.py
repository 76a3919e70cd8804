from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

KINDS = [
    ("meeting", "Meeting"),
    ("call", "Phone Call"),
    ("sms", "SMS"),
    ("email", "Email"),
    ("planned", "Planned Interaction"),
]
DIRECTIONS = [("incoming", "Incoming"), ("outgoing", "Outgoing")]
KINDS_WITH_DIRECTION = ("call", "sms", "email")
# Context key: this write comes from the calendar (or goes to it); do not sync back.
SYNC_KEY = "crm_interaction_no_sync"
# Context key: this write spreads a chain's interest; do not spread it again.
CHAIN_KEY = "crm_interaction_chain"
# Fields a meeting shares with its calendar event.
EVENT_FIELDS = ("name", "date", "duration", "user_id", "description", "lead_id")


class CrmInteraction(models.Model):
    _name = "crm.interaction"
    _description = "Interaction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _parent_store = True
    _check_company_auto = True

    name = fields.Char("Summary", required=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, default="call", tracking=True)
    direction = fields.Selection(
        DIRECTIONS,
        compute="_compute_direction",
        store=True,
        readonly=False,
        help="Incoming or outgoing: for calls, SMS and emails.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The client (company or individual) this interaction is with.",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "crm_interaction_contact_rel",
        "interaction_id",
        "partner_id",
        string="Contact Persons",
        check_company=True,
    )
    participant_ids = fields.Many2many(
        "res.users",
        "crm_interaction_participant_rel",
        "interaction_id",
        "user_id",
        string="Participants",
        help="Colleagues who take part in the interaction.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    parent_id = fields.Many2one(
        "crm.interaction",
        string="Previous Interaction",
        index=True,
        ondelete="set null",
        check_company=True,
        help="The interaction this one follows: together they form a chain.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("crm.interaction", "parent_id", string="Follow-ups")
    lead_id = fields.Many2one(
        "crm.lead",
        string="Interest",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The interest this interaction is about; set on one interaction of a chain, it is "
        "set on the whole chain.",
    )
    description = fields.Html()
    result = fields.Text(help="What came out of the interaction.")
    duration = fields.Float(help="Duration in hours.")
    review_date = fields.Date(
        "Review After", tracking=True, help="The interaction comes up for review from this date."
    )
    reviewed = fields.Boolean(tracking=True, copy=False)
    reminder = fields.Datetime(
        copy=False, help="At this time a to-do activity reminds the responsible user."
    )
    contact_name = fields.Char(help="The name of the person, as given, when not a contact yet.")
    phone = fields.Char()
    email = fields.Char()
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", index="btree_not_null", ondelete="set null", copy=False
    )
    message_id = fields.Many2one(
        "mail.message", string="Message", index="btree_not_null", ondelete="set null", copy=False
    )
    message_body = fields.Html(
        "Message Text",
        compute="_compute_message_body",
        help="The registered email or SMS, as its document's readers see it: not a copy.",
    )
    follow_up_count = fields.Integer(compute="_compute_follow_up_count")

    _calendar_event_unique = models.Constraint(
        "UNIQUE(calendar_event_id)", "A meeting is registered as one interaction only."
    )
    _message_unique = models.Constraint(
        "UNIQUE(message_id)", "A message is registered as one interaction only."
    )

    @api.depends("kind")
    def _compute_direction(self):
        for interaction in self:
            if interaction.kind not in KINDS_WITH_DIRECTION:
                interaction.direction = False
            elif not interaction.direction:
                interaction.direction = "outgoing"

    @api.depends("user_id")
    def _compute_team_id(self):
        for interaction in self:
            interaction.team_id = interaction.user_id.sale_team_id or interaction.team_id

    @api.depends("message_id")
    @api.depends_context("uid")
    def _compute_message_body(self):
        # read under the user's rights: the message is shown to who may read it on its
        # document (client card or interest), never copied
        readable = self.message_id._filtered_access("read")
        for interaction in self:
            message = interaction.message_id
            interaction.message_body = message.body if message and message in readable else False

    def _compute_follow_up_count(self):
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for interaction in self:
            interaction.follow_up_count = counts.get(interaction, 0)

    @api.onchange("parent_id")
    def _onchange_parent_id(self):
        if self.parent_id:
            self.update(self.parent_id._follow_up_values())

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.phone and not self.email:
            self.phone = self.partner_id.phone
            self.email = self.partner_id.email

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        parents = self.browse(v["parent_id"] for v in vals_list if v.get("parent_id"))
        for vals in vals_list:
            parent = parents.browse(vals.get("parent_id"))
            if parent:
                follow = parent._follow_up_values()
                vals.update({k: v for k, v in follow.items() if k not in vals})
                if not vals.get("lead_id"):  # a follow-up belongs to its chain's interest
                    vals["lead_id"] = follow["lead_id"]
        interactions = super().create(vals_list)
        interactions.filtered("reminder")._schedule_reminder()
        if not self.env.context.get(SYNC_KEY):
            interactions.filtered(
                lambda i: i.kind == "meeting" and not i.calendar_event_id
            )._create_calendar_events()
        # a new interaction has no follow-up yet: only one that follows another has a chain
        interactions.filtered(lambda i: i.lead_id and i.parent_id)._propagate_lead()
        interactions._touch_interests()
        return interactions

    def _touch_interests(self):
        """An interaction that took place is client work on its interest (idle triggers count
        from it); a planned one is not, yet."""
        self.filtered(lambda i: i.kind != "planned").lead_id.sudo()._interest_touch()

    def write(self, vals):
        res = super().write(vals)
        if vals.get("reminder"):
            self._schedule_reminder()
        if vals.get("partner_id"):
            self.env["crm.control.task.line"]._refresh_interactions(self)
        if not self.env.context.get(SYNC_KEY) and set(vals) & set(EVENT_FIELDS):
            self._write_calendar_events()
        if vals.get("lead_id") or vals.get("kind"):
            self._touch_interests()
        if not self.env.context.get(CHAIN_KEY):
            if "lead_id" in vals:
                # set or cleared: the whole chain follows
                self._propagate_lead()
            elif vals.get("parent_id"):
                # moved under another interaction: the moved links join that chain's interest,
                # or bring theirs to a chain that has none
                parent = self.browse(vals["parent_id"]).sudo()
                (parent if parent.lead_id else self)._propagate_lead()
        return res

    def _follow_up_values(self):
        """What a follow-up takes from this interaction: client, people, subject."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "contact_ids": [fields.Command.set(self.contact_ids.ids)],
            "participant_ids": [fields.Command.set(self.participant_ids.ids)],
            "lead_id": self.lead_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
        }

    # ------------------------------------------------------------------ chains

    def _chain(self):
        """Every interaction of the chains these belong to, in one search.

        A chain is a tree of follow-ups; `parent_path` ("root/child/.../id/") names its root,
        so the whole tree is found with one prefix match per root, whatever its length.
        """
        self.flush_recordset(["parent_path"])
        roots = {interaction.parent_path.split("/", 1)[0] for interaction in self}
        domain = Domain.OR(Domain("parent_path", "=like", f"{root}/%") for root in roots)
        return self.search(domain)

    def _propagate_lead(self):
        """Give the interest of these interactions (or none) to their whole chains: one write
        per interest.

        The chain is one record: whoever edits a link, every link takes the interest, his
        colleagues' links too, which his record rules may hide from him. So the chain is found
        and written as superuser, limited to the interest field of the chain's links; nothing
        of them is read back or returned to the caller.
        """
        links = self.sudo()
        for lead in {link.lead_id for link in links}:
            chain = links.filtered(lambda i, lead=lead: i.lead_id == lead)._chain()
            others = chain.filtered(lambda i, lead=lead: i.lead_id != lead)
            if others:
                others.with_context(**{CHAIN_KEY: True}).write({"lead_id": lead.id})

    # ------------------------------------------------------------------ review and reminder

    def action_mark_reviewed(self):
        self.write({"reviewed": True})

    def action_mark_unreviewed(self):
        self.write({"reviewed": False})

    def _schedule_reminder(self):
        for interaction in self:
            user = interaction.user_id or self.env.user
            when = fields.Datetime.context_timestamp(
                user.with_context(tz=user.tz), interaction.reminder
            )
            interaction.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=when.date(),
                summary=_("Reminder at %s", when.strftime("%H:%M")),
                user_id=user.id,
            )

    # ------------------------------------------------------------------ calendar

    def _event_values(self):
        self.ensure_one()
        partners = self.partner_id | self.contact_ids | self.participant_ids.partner_id
        return {
            "name": self.name,
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration or 1.0),
            "duration": self.duration or 1.0,
            "user_id": self.user_id.id,
            "description": self.description,
            "opportunity_id": self.lead_id.id,
            "partner_ids": [fields.Command.link(p.id) for p in partners],
        }

    def _create_calendar_events(self):
        if not self:
            return  # Odoo's create of no event still runs its statements
        Event = self.env["calendar.event"].with_context(**SYNC_KEY_CONTEXT)
        events = Event.create([interaction._event_values() for interaction in self])
        for interaction, event in zip(self, events, strict=True):
            interaction.with_context(**SYNC_KEY_CONTEXT).calendar_event_id = event

    def _write_calendar_events(self):
        for interaction in self.filtered("calendar_event_id"):
            interaction.calendar_event_id.with_context(**SYNC_KEY_CONTEXT).write(
                interaction._event_values()
            )

    # ------------------------------------------------------------------ one-click actions

    def action_plan_follow_up(self):
        """A dialog asking the date, kind and subject of the interaction that follows this
        one; nothing is saved until the user saves it (its client, people and interest come
        from this one)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan a Follow-up"),
            "res_model": "crm.interaction",
            "view_mode": "form",
            "views": [
                (self.env.ref("crm_interaction.crm_interaction_view_form_follow_up").id, "form")
            ],
            "target": "new",
            "context": {
                "default_parent_id": self.id,
                "default_kind": "planned",
                "default_name": _("Follow-up: %s", self.name),
                "default_date": fields.Datetime.to_string(
                    fields.Datetime.now() + timedelta(days=1)
                ),
                "default_user_id": (self.user_id or self.env.user).id,
            },
        }

    def action_create_interest(self):
        """An interest (opportunity) for this interaction's client, set on the whole chain."""
        self.ensure_one()
        if self.lead_id:
            raise UserError(_('Interaction "%s" already has an interest.', self.name))
        lead = self.env["crm.lead"].create(
            {
                "name": self.name,
                "type": "opportunity",
                "partner_id": self.partner_id.id,
                "contact_name": self.contact_name,
                "phone": self.phone or self.partner_id.phone,
                "email_from": self.email or self.partner_id.email,
                "user_id": self.user_id.id,
                "team_id": self.team_id.id,
                "company_id": self.company_id.id,
            }
        )
        self.lead_id = lead
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_create_contact(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Create a Contact"),
            "res_model": "crm.interaction.create.contact",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_interaction_id": self.id},
        }

    def action_open_follow_ups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action"
        )
        action["domain"] = [("id", "in", self._chain().ids)]
        action["context"] = {"default_parent_id": self.id}
        return action


SYNC_KEY_CONTEXT = {SYNC_KEY: True}
