from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from ..pure import calls, phone

CALL_STATES = [
    (calls.STATE_RINGING, "Ringing"),
    (calls.STATE_IN_PROGRESS, "In Progress"),
    (calls.STATE_AWAITING, "Awaiting Result"),
    (calls.STATE_DONE, "Done"),
    (calls.STATE_MISSED, "Missed"),
]
# pure.calls keys -> fields of the call
CALL_FIELDS = {
    "start": "call_start",
    "answer": "call_answer",
    "end": "call_end",
    "from": "call_from",
    "to": "call_to",
    "ring_extension": "call_ring_extension",
    "answer_extension": "call_answer_extension",
    "direction": "call_pbx_direction",
    "recording_url": "call_recording_url",
}
# what only the PBX's endpoint writes (as the superuser), on any interaction
CALL_EVIDENCE_FIELDS = (
    *CALL_FIELDS.values(),
    "softphone_pbx_id",
    "call_uid",
    "call_number_e164",
    "call_event_log",
    "call_match_ids",
    "call_called_back",
)
# fields of every interaction that, on a call, the PBX recorded
CALL_RECORDED_FIELDS = ("date", "direction", "phone", "kind", "duration")
EVIDENCE, RECORDED = set(CALL_EVIDENCE_FIELDS), set(CALL_RECORDED_FIELDS)
# how long a click-to-dial waits for the PBX's call to tie it to the record it came from
DIAL_WINDOW = timedelta(minutes=5)


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    softphone_pbx_id = fields.Many2one(
        "crm.softphone.pbx",
        "PBX",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    call_uid = fields.Char("PBX Call ID", readonly=True, copy=False)
    call_from = fields.Char("From Number", readonly=True, copy=False)
    call_to = fields.Char("To Number", readonly=True, copy=False)
    call_number_e164 = fields.Char(
        "Client Number", index="btree_not_null", readonly=True, copy=False, help="In E.164 form."
    )
    call_pbx_direction = fields.Char(readonly=True, copy=False)
    call_ring_extension = fields.Char(readonly=True, copy=False)
    call_answer_extension = fields.Char(readonly=True, copy=False)
    call_extension = fields.Char(
        "Extension", compute="_compute_call_extension", store=True, readonly=True
    )
    call_start = fields.Datetime("Call Start", readonly=True, copy=False)
    call_answer = fields.Datetime("Answered At", readonly=True, copy=False)
    call_end = fields.Datetime("Call End", readonly=True, copy=False)
    call_recording_url = fields.Char("Recording", readonly=True, copy=False)
    call_event_log = fields.Json(
        "PBX Events", readonly=True, copy=False, groups="base.group_system",
        help="The distinct events the PBX sent about this call, in order.",
    )  # fmt: skip
    call_state = fields.Selection(
        CALL_STATES, compute="_compute_call_state", store=True, index="btree_not_null"
    )
    call_answered = fields.Boolean("Answered", compute="_compute_call_state", store=True)
    call_missed = fields.Boolean("Missed", compute="_compute_call_state", store=True)
    call_talk_time = fields.Float(
        "Talk Time", compute="_compute_call_state", store=True, help="Minutes of conversation."
    )
    # a call's duration is its talk time, as the PBX recorded it (hours, as every interaction's)
    duration = fields.Float(compute="_compute_duration", store=True, readonly=False)
    call_result_id = fields.Many2one("crm.softphone.result", "Call Result", index="btree_not_null")
    call_called_back = fields.Boolean("Called Back", readonly=True, copy=False)
    call_match_ids = fields.Many2many(
        "res.partner",
        "crm_interaction_call_match_rel",
        "interaction_id",
        "partner_id",
        string="Possible Callers",
        readonly=True,
        copy=False,
        help="Every contact with this number, when there are several.",
    )
    # numbers for the call reports (summed in pivot and graph)
    call_count = fields.Integer("Calls", compute="_compute_call_counts", store=True)
    call_answered_count = fields.Integer(
        "Answered Calls", compute="_compute_call_counts", store=True
    )
    call_missed_count = fields.Integer("Missed Calls", compute="_compute_call_counts", store=True)
    call_not_called_back_count = fields.Integer(
        "Not Called Back", compute="_compute_call_counts", store=True
    )

    _call_uid_unique = models.Constraint(
        "UNIQUE(softphone_pbx_id, call_uid)", "A PBX call is registered as one interaction only."
    )

    @api.depends("call_ring_extension", "call_answer_extension")
    def _compute_call_extension(self):
        for call in self:
            call.call_extension = call.call_answer_extension or call.call_ring_extension

    @api.depends("call_uid", "call_start", "call_answer", "call_end", "call_result_id")
    def _compute_call_state(self):
        for call in self:
            if not call.call_uid:
                call.call_state = call.call_state if call.call_result_id else False
                call.call_answered = call.call_missed = False
                call.call_talk_time = 0.0
                continue
            values = call._softphone_call_values()
            state, missed = calls.state_of(values, bool(call.call_result_id))
            call.call_state = state
            call.call_missed = missed
            call.call_answered = bool(call.call_answer)
            call.call_talk_time = calls.talk_seconds(values) / 60.0

    @api.depends("call_uid", "call_answer", "call_end")
    def _compute_duration(self):
        for call in self.filtered("call_uid"):  # other interactions keep theirs
            call.duration = calls.talk_seconds(call._softphone_call_values()) / 3600.0

    @api.depends("call_uid", "call_answered", "call_missed", "call_called_back", "direction")
    def _compute_call_counts(self):
        for call in self:
            is_call = bool(call.call_uid)
            call.call_count = int(is_call)
            call.call_answered_count = int(is_call and call.call_answered)
            missed = is_call and call.call_missed and call.direction == "incoming"
            call.call_missed_count = int(missed)
            call.call_not_called_back_count = int(missed and not call.call_called_back)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._softphone_check_evidence({f for f in vals if vals[f]} & EVIDENCE)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            recorded = set(vals) & RECORDED if any(self.mapped("call_uid")) else set()
            self._softphone_check_evidence(set(vals) & EVIDENCE | recorded)
        res = super().write(vals)
        if "call_result_id" in vals:
            # the result saved from the form closes the reminder as the dialog does, and the
            # popup of the call follows (it closes once the result is saved)
            saved = self.filtered("call_uid").sudo()
            saved._softphone_activities()
            saved.filtered(lambda c: c.direction == "incoming")._softphone_notify()
        return res

    @api.model
    def _softphone_settle_stored_calls(self):
        """Calls registered before a missed call had its own state and a call its duration
        (they read "Done" and "00:00"): both computed again. Run at each update of the
        module; once done, it finds nothing."""
        stale = self.sudo().search(
            Domain("call_uid", "!=", False)
            & (
                (Domain("call_missed", "=", True) & Domain("call_state", "!=", calls.STATE_MISSED))
                | (Domain("duration", "=", 0) & Domain("call_talk_time", ">", 0))
            )
        )
        for name in ("call_state", "duration"):
            self.env.add_to_compute(self._fields[name], stale)
        stale.flush_recordset(["call_state", "duration"])
        return len(stale)

    @api.model
    def _softphone_check_evidence(self, field_names):
        """A call is evidence: what the PBX recorded (its id, numbers, times, extensions, PBX)
        is written by the endpoint only; a user saves the result, the note and the links to
        client, contacts and interest."""
        forbidden = sorted(field_names)
        if forbidden:
            labels = ", ".join(self._fields[name].get_description(self.env)["string"]
                               for name in forbidden)  # fmt: skip
            raise AccessError(
                _("What the PBX recorded of a call cannot be changed by hand: %s.", labels)
            )

    # ------------------------------------------------------------------ merge

    def _softphone_call_values(self):
        """This call as pure.calls sees it."""
        self.ensure_one()
        return {key: self[field] or None for key, field in CALL_FIELDS.items()}

    @api.model
    def _softphone_values_from(self, changes):
        values = {CALL_FIELDS[key]: value for key, value in changes.items() if key in CALL_FIELDS}
        if "start" in changes:
            values["date"] = changes["start"]
        return values

    def _softphone_is_outgoing(self):
        self.ensure_one()
        return self.call_pbx_direction == "outgoing" or (
            not self.call_pbx_direction
            and bool(self.softphone_pbx_id._softphone_extension(self.call_from))
        )

    def _softphone_own_extension(self):
        """The extension of a user that made or took the call (may be empty)."""
        self.ensure_one()
        pbx = self.softphone_pbx_id
        outgoing = self._softphone_is_outgoing()
        own = pbx._softphone_extension(self.call_from if outgoing else self.call_extension)
        if outgoing and not own:
            own = pbx._softphone_extension(self.call_extension)
        return own

    def _softphone_auto_owner(self):
        """Who owns the call as its events say: the user of the extension that made or took
        it, else the client's salesperson, else the PBX's responsible (a call without owner
        would be visible to every salesperson)."""
        self.ensure_one()
        return (
            self._softphone_own_extension().user_id
            or self.partner_id.commercial_partner_id.sudo().user_id
            or self.softphone_pbx_id.user_id
        )

    def _softphone_after_merge(self, created, owners_before=None):
        """What follows from the merged events: direction, caller, owner, activities, popup.

        Everything is derived from the call's values, never from the event that came last, so
        the outcome does not depend on the order of the events. The owner follows the events
        while nobody changed it by hand (it is still the one the events gave before)."""
        owners_before = owners_before or {}
        numbers = {}  # call -> (direction, number)
        for call in self:
            outgoing = call._softphone_is_outgoing()
            numbers[call] = (
                "outgoing" if outgoing else "incoming",
                call.call_to if outgoing else call.call_from,
            )
        matched = {}  # (pbx, number) -> values: the numbers of the batch looked up together
        for pbx in self.softphone_pbx_id:
            new_numbers = {
                number
                for call, (__, number) in numbers.items()
                if call.softphone_pbx_id == pbx and number and number != call.phone
            }
            for number, values in pbx._softphone_match_values(new_numbers).items():
                matched[pbx, number] = values
        for call in self:
            direction, number = numbers[call]
            outgoing = direction == "outgoing"
            values = {}
            if call.direction != direction:
                values["direction"] = direction
            if number and number != call.phone:
                values["phone"] = number
                values.update(matched[call.softphone_pbx_id, number])
                if call.lead_id:
                    values.pop("lead_id", None)
                for name in ("contact_ids", "call_match_ids"):
                    # the people it already has: not written again (an x2many write reads them)
                    if name in values and set(values[name][0][2]) == set(call[name].ids):
                        del values[name]
            e164 = values.get("call_number_e164", call.call_number_e164)
            label = phone.display(e164 or "") or number or _("unknown number")
            name = (
                _("Outgoing call to %s", label) if outgoing else _("Incoming call from %s", label)
            )
            if call.name != name:
                values["name"] = name
            if values:
                call.write(values)
            owner = call._softphone_auto_owner()
            before = owners_before.get(call.id, call.env["res.users"])
            if owner and call.user_id != owner and call.user_id in (before, call.user_id.browse()):
                call.user_id = owner
        stale = self._softphone_activities(unlink=False)
        (self & created).filtered(lambda c: c.direction == "outgoing")._softphone_tie_dial()
        self._softphone_close_callbacks()
        # the popup follows the incoming call: it rings, it is answered, it ends
        self.filtered(lambda c: c.direction == "incoming")._softphone_notify()
        stale.unlink()  # last: an unlink empties the ORM cache (the calls were read again)

    # ------------------------------------------------------------------ activities

    def _softphone_activities(self, unlink=True):
        """The call's activities as its state says, whatever the order of its events: the
        result to save (its owner's) while it awaits a result, the callback (its owner's)
        while it is an incoming missed call not called back. Created, moved to the right user
        and renamed without an assignment e-mail per call (the user sees them in his
        activities and the wrap-up dialog). The callbacks no longer due are deleted (returned
        instead when not `unlink`)."""
        result_type = self._softphone_activity_type("crm_softphone.mail_activity_type_call_result")
        callback_type = self._softphone_activity_type("mail.mail_activity_data_call")
        quiet = {"mail_activity_quick_update": True, "mail_notify_force_send": False}
        to_schedule = []  # (call, type, summary, user): created together at the end
        to_unlink = self.env["mail.activity"]
        for call in self.with_context(**quiet):
            mine = call.activity_ids
            result = mine.filtered(lambda a: a.activity_type_id == result_type)
            callback = mine.filtered(lambda a: a.activity_type_id == callback_type)
            user = call.user_id
            if call.call_state == calls.STATE_AWAITING and user:
                if not result:
                    summary = call._softphone_in_lang(user).env._("Save the result of the call")
                    to_schedule.append((call, result_type, summary, user))
                    # the call has just ended: the wrap-up dialog opens in the user's browser
                    user._bus_send("crm_softphone/wrap_up", {"id": call.id})
                elif result.user_id != user:
                    result.write({"user_id": user.id})
            if call.call_state == calls.STATE_DONE and result:
                result.action_feedback(feedback=call.call_result_id.name)
            missed = call.call_missed and call.direction == "incoming"
            if missed and not call.call_called_back:
                user = (
                    user
                    or call.softphone_pbx_id._softphone_extension(call.call_ring_extension).user_id
                )
                summary = call._softphone_in_lang(user).env._("Call back %s", call.phone or "")
                if not callback and user:
                    to_schedule.append((call, callback_type, summary, user))
                elif callback and user and (callback.user_id, callback.summary) != (user, summary):
                    callback.write({"user_id": user.id, "summary": summary})
            elif callback:
                to_unlink |= callback  # answered, or outgoing after all: nothing to call back
        if unlink:
            to_unlink.unlink()
        if to_schedule and not self.env.context.get("mail_activity_automation_skip"):
            # as activity_schedule makes them, in one create: the followers added per user
            model_id = self.env["ir.model"]._get_id(self._name)
            today = fields.Date.context_today(self)
            self.env["mail.activity"].with_context(**quiet).create(
                [
                    {
                        "activity_type_id": kind.id,
                        "summary": summary,
                        "automated": True,
                        "note": kind.default_note,
                        "date_deadline": today,
                        "res_model_id": model_id,
                        "res_id": call.id,
                        "user_id": user.id,
                    }
                    for call, kind, summary, user in to_schedule
                ]
            )
        return to_unlink

    @api.model
    def _softphone_activity_type(self, xmlid):
        """env.ref(xmlid) without asking the database whether the activity type exists."""
        Data = self.env["ir.model.data"]
        return self.env["mail.activity.type"].browse(Data._xmlid_to_res_id(xmlid))

    def _softphone_in_lang(self, user):
        """The call in the language of `user`, who reads what is written for him."""
        return self.with_context(lang=user.lang or self.env.lang)

    def _softphone_close_callbacks(self):
        """An outgoing call to a number closes the callback tasks of the calls missed from it."""
        outgoing = self.filtered(lambda c: c.direction == "outgoing" and c.call_number_e164)
        if not outgoing:
            return
        missed = self.sudo().search(
            Domain("call_number_e164", "in", outgoing.mapped("call_number_e164"))
            & Domain("call_missed", "=", True)
            & Domain("direction", "=", "incoming")
            & Domain("call_called_back", "=", False)
        )
        callback_type = self._softphone_activity_type("mail.mail_activity_data_call")
        for call in missed:
            back = outgoing.filtered(
                lambda c, call=call: (
                    c.call_number_e164 == call.call_number_e164
                    and c.call_start
                    and call.call_start
                    and c.call_start >= call.call_start
                )
            )
            if not back:
                continue
            call.call_called_back = True
            callback = call.activity_ids.filtered(lambda a: a.activity_type_id == callback_type)
            if callback:
                callback.action_feedback(feedback=_("Called back: %s", back[0].name))

    def _softphone_tie_dial(self):
        """A call the user started from a record (click-to-dial) is tied to that record."""
        Dial = self.env["crm.softphone.dial"].sudo()
        for call in self:
            dial = Dial.search(
                [
                    ("pbx_id", "=", call.softphone_pbx_id.id),
                    ("user_id", "=", call.user_id.id),
                    ("number_e164", "=", call.call_number_e164),
                    ("create_date", ">=", fields.Datetime.now() - DIAL_WINDOW),
                ],
                order="id desc",
                limit=1,
            )
            if not dial:
                continue
            values = dial._interaction_values()
            if values:
                call.write(values)
            dial.unlink()

    # ------------------------------------------------------------------ popup

    def _softphone_popup_users(self):
        """Who sees the popup of this incoming call: the users of every extension that rang (a
        ring group rings several) and of the one that answered; the call's owner when no
        extension of a user did."""
        self.ensure_one()
        call = self.sudo()
        pbx = call.softphone_pbx_id
        base = None if call.call_event_log else call.call_ring_extension
        numbers = calls.ringing_extensions(call.call_event_log, base)
        if call.call_answer_extension:
            numbers.append(call.call_answer_extension)
        users = call.env["res.users"]
        for number in numbers:
            users |= pbx._softphone_extension(number).user_id
        return users or call.user_id

    def _softphone_answered_by(self):
        """The user whose extension answered the call (may be empty)."""
        self.ensure_one()
        return self.softphone_pbx_id._softphone_extension(self.call_answer_extension).user_id

    def _softphone_notify(self):
        """The popup of an incoming call to each of its users, as the call goes: it rings, it
        is answered (the popup of the others closes), it ends, its result is saved (the popup
        closes)."""
        for call in self.sudo():
            answered_by = call._softphone_answered_by()
            for user in call._softphone_popup_users():
                mine = call.with_user(user).with_context(lang=user.lang)
                taken_by_other = answered_by and answered_by != user
                closed = call.call_state == calls.STATE_DONE or (
                    taken_by_other and call.call_state != calls.STATE_MISSED
                )
                if closed:
                    payload = {"id": call.id, "state": call.call_state, "close": True}
                elif call.call_state in (calls.STATE_RINGING, calls.STATE_IN_PROGRESS):
                    payload = mine._softphone_popup_payload()
                else:  # ended: the popup shown says so (a queue replayed costs no lookups)
                    payload = mine._softphone_popup_state()
                user._bus_send("crm_softphone/incoming_call", payload)

    def _softphone_popup_payload(self):
        """What the popup shows, read with the rights of the user who gets it."""
        self.ensure_one()
        call = self.sudo()
        env = self.env
        client = call.partner_id
        readable_client = client and client._filtered_access("read")
        payload = {
            **self._softphone_popup_state(),
            # the call opens for who may read it (a colleague of the ring group may not
            # until he answers it)
            "can_open": bool(self._filtered_access("read")),
            "number": call.phone or "",
            "number_display": phone.display(call.call_number_e164)
            if call.call_number_e164
            else (call.phone or ""),
            "extension": call.call_extension or "",
            "client": {"id": client.id, "name": client.name} if readable_client else False,
            "contacts": [
                {"id": c.id, "name": c.name} for c in call.contact_ids._filtered_access("read")
            ],
            "matches": [
                {"id": p.id, "name": p.display_name}
                for p in call.call_match_ids._filtered_access("read")
            ],
            "interests": [],
            "claims": [],
            "interactions": [],
            # what can be created from the call in one click: [{name, method}], the method
            # called on the call (it checks rights itself); glue addons add theirs
            "actions": [],
        }
        if (
            not client
            and not call.call_match_ids
            and env["crm.interaction.create.contact"].has_access("create")
        ):
            payload["actions"].append(
                {"name": _("Create Contact"), "method": "action_create_contact"}
            )
        if readable_client and not call.lead_id and env["crm.lead"].has_access("create"):
            payload["actions"].append(
                {"name": _("New Interest"), "method": "action_create_interest"}
            )
        if env["crm.interaction"].has_access("create"):
            payload["actions"].append(
                {"name": _("Plan Interaction"), "method": "action_plan_follow_up"}
            )
        if readable_client and env["crm.lead"].has_access("read"):
            leads = env["crm.lead"].search(
                [
                    ("partner_id", "child_of", client.id),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                ],
                limit=10,
            )
            payload["interests"] = self._softphone_popup_interests(leads)
        if readable_client and env["crm.interaction"].has_access("read"):
            last = env["crm.interaction"].search(
                [("partner_id", "=", client.id), ("id", "!=", call.id)], limit=5
            )
            payload["interactions"] = [
                {
                    "id": i.id,
                    "name": i.name,
                    "kind": i.kind,
                    "date": fields.Datetime.to_string(i.date),
                }
                for i in last
            ]
        return self._softphone_popup_extend(payload)

    @api.model
    def _softphone_popup_interests(self, leads):
        """The popup's lines of the client's open interests."""
        return [
            {
                "id": lead.id,
                "name": lead.name,
                "stage": lead.stage_id.name or "",
                "amount": lead.expected_revenue,
                "currency": lead.company_currency.name or "",
                "currency_id": lead.company_currency.id,
            }
            for lead in leads
        ]

    def _softphone_popup_state(self):
        """Where the call is, for its popup: ringing, in progress, awaiting result, missed,
        done (then the popup closes), and who answered it."""
        self.ensure_one()
        call = self.sudo()
        states = dict(call._fields["call_state"]._description_selection(self.env))
        return {
            "id": call.id,
            "state": call.call_state or "",
            "state_label": states.get(call.call_state, ""),
            "answered_by": call._softphone_answered_by().name or "",
            "close": call.call_state == calls.STATE_DONE,
        }

    def _softphone_popup_extend(self, payload):
        """Hook for glue addons (claims, orders) to add their part of the popup."""
        return payload

    # ------------------------------------------------------------------ user actions

    def action_wrap_up(self):
        """The wrap-up dialog: the result of the call and a note."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Call Result"),
            "res_model": "crm.interaction.wrap.up",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_interaction_id": self.id},
        }

    def action_softphone_call(self):
        """Click-to-dial from the interaction: call its number back."""
        self.ensure_one()
        return self.env["crm.softphone.dial"].dial_from(
            self.phone or self.partner_id.phone, self._name, self.id
        )
