import logging
import re
import secrets
from collections import defaultdict
from urllib.parse import quote

import requests

from odoo import _, api, fields, models
from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.tools import mute_logger

from ..pure import ami, calls, phone

_logger = logging.getLogger(__name__)
PARTNER_KEYS = ("phone_e164", "phone_nsn", "phone_e164_other", "phone_nsn_other")
LOOKUP_FIELDS = (*PARTNER_KEYS, "company_id", "active")  # what a lookup reads in SQL
# the lookup of a key: constant SQL (one btree or GIN lookup, no query built per call): the
# first 21 cards with the key without an order, whether they are active and their company,
# both checked in Python (conditions on them in the query cost PostgreSQL's planner more than
# checking the few cards found); only for a number more than 20 cards share, the 20 first
# active cards by id of the company (or of none)
_OTHER = "{0} IS NOT NULL AND string_to_array({0}, ' ') @> ARRAY[%s]::text[]"
_PARTNERS = (
    "SELECT {columns} FROM res_partner"
    " WHERE {condition} AND active AND (company_id IS NULL OR company_id = %s)"
)
KEY_QUERIES = {
    key: (
        f"SELECT id, active, company_id FROM res_partner WHERE {condition} LIMIT 21",
        _PARTNERS.format(columns="id", condition=condition) + " ORDER BY id LIMIT 20",
    )
    for key, condition in (
        ("phone_e164", "phone_e164 = %s"),
        ("phone_nsn", "phone_nsn = %s"),
        ("phone_e164_other", _OTHER.format("phone_e164_other")),
        ("phone_nsn_other", _OTHER.format("phone_nsn_other")),
    )
}
# the calls of a batch (the PBX's id, the call ids) locked in a fixed order; tried: whether
# all of them were free (see controllers.main)
_LOCKS = """SELECT {0} FROM (SELECT uid FROM unnest(%s::text[]) AS uid
                              ORDER BY uid COLLATE "C" OFFSET 0) AS ordered"""
LOCK_QUERY = _LOCKS.format("pg_advisory_xact_lock(%s, hashtext(uid))")
TRY_LOCK_QUERY = _LOCKS.format("bool_and(pg_try_advisory_xact_lock(%s, hashtext(uid)))")
# the first numbers of several keys at once (the numbers of a batch of call events)
MANY_E164_QUERY = _PARTNERS.format(columns="phone_e164, id", condition="phone_e164 = ANY(%s)")


class CrmSoftphonePbx(models.Model):
    _name = "crm.softphone.pbx"
    _description = "PBX Connection"
    _order = "name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("ami", "Asterisk AMI"), ("webhook", "HTTP Webhook")],
        required=True,
        default="ami",
    )
    host = fields.Char("Address", help="Host name or IP address of the PBX (AMI).")
    port = fields.Integer(default=5038, help="AMI port of the PBX.")
    username = fields.Char("AMI User", groups="base.group_system")
    secret = fields.Char("AMI Secret", groups="base.group_system", copy=False)
    token = fields.Char(
        groups="base.group_system",
        copy=False,
        default=lambda self: secrets.token_urlsafe(32),
        help="Sent by the agent or the PBX in the X-Softphone-Token header of every event.",
    )
    dial_url = fields.Char(
        "Dial URL",
        groups="base.group_system",
        help="Webhook PBX: the address that starts a call, with {extension} and {number}, "
        "e.g. https://pbx.example.com/originate?from={extension}&to={number}",
    )
    originate_context = fields.Char(
        default="from-internal", help="AMI: the dialplan context outgoing calls start in."
    )
    channel_template = fields.Char(
        default="PJSIP/{extension}", help="AMI: the channel of a user's phone."
    )
    dial_format = fields.Selection(
        [
            (phone.DIAL_E164, "International (E.164): +74951234567"),
            (phone.DIAL_NATIONAL, "National, with the trunk prefix: 84951234567"),
            (phone.DIAL_PREFIX, "Outside-line prefix, then the national number: 984951234567"),
        ],
        "Dial Numbers As",
        required=True,
        default=phone.DIAL_E164,
        help="How a call started from Odoo gives the PBX the number to dial. National: as "
        "dialled from a phone in the PBX's country (its trunk prefix, the international prefix "
        "for numbers abroad).",
    )
    dial_prefix = fields.Char(
        "Outside-Line Prefix",
        help="Dialled before the national number to get an outside line, e.g. 9.",
    )
    country_id = fields.Many2one(
        "res.country",
        "Country",
        help="Country of numbers the PBX gives without a country code; the company's when empty.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    extension_ids = fields.One2many("crm.softphone.extension", "pbx_id", "Extensions")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible for Unassigned Calls",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Owns the calls no extension of a user took whose caller has no salesperson "
        "(a call without owner would be visible to every salesperson).",
    )
    call_count = fields.Integer(compute="_compute_call_count")

    @api.constrains("dial_format", "dial_prefix")
    def _check_dial_prefix(self):
        for pbx in self:
            if pbx.dial_format == phone.DIAL_PREFIX and not re.fullmatch(
                r"[0-9*#]+", (pbx.dial_prefix or "").strip()
            ):
                raise ValidationError(
                    _("The outside-line prefix of PBX %s is digits, e.g. 9.", pbx.name)
                )

    def _compute_call_count(self):
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("softphone_pbx_id", "in", self.ids)], ["softphone_pbx_id"], ["__count"]
            )
        )
        for pbx in self:
            pbx.call_count = counts.get(pbx, 0)

    def action_generate_token(self):
        for pbx in self:
            pbx.token = secrets.token_urlsafe(32)

    def action_open_calls(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_softphone.crm_interaction_action_calls"
        )
        action["domain"] = [("softphone_pbx_id", "=", self.id)]
        return action

    def _softphone_scope(self):
        """(company id, country code) of this PBX: whose cards its callers are looked up
        among, and the country of numbers given without a country code."""
        self.ensure_one()
        company = self.company_id
        return company.id, (self.country_id or company.country_id).code or None

    # ------------------------------------------------------------------ events in

    @api.private
    def softphone_ingest(self, events):
        """Merge checked events (pure.calls.check_body) into the calls of this PBX.

        Each call is keyed by the PBX's call id: a call is created once, repeated and
        reordered events only complete it. Returns the calls touched.
        """
        self.ensure_one()
        Interaction = (
            self.env["crm.interaction"]
            .sudo()
            .with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
            )
        )
        by_call = defaultdict(list)
        for event in events:
            by_call[event["call_id"]].append(event)
        # one lock per call id, taken in one statement in a fixed order: two requests about
        # the same call wait for each other, two about the same calls never deadlock
        self.env.cr.execute(LOCK_QUERY, (self.id, sorted(by_call)))
        existing = {
            call.call_uid: call
            for call in Interaction.search(
                [("softphone_pbx_id", "=", self.id), ("call_uid", "in", list(by_call))]
            )
        }
        to_create, to_write, owners_before = [], [], {}
        for uid, call_events in by_call.items():
            record = existing.get(uid)
            old_log = (record.call_event_log or []) if record else []
            log = calls.log_with(old_log, call_events)
            if record and log == old_log:
                continue  # nothing new: a repeated request
            # the whole call again from its log: the same whatever order its events came in
            base = record._softphone_call_values() if record and not old_log else {}
            state = calls.fold(log, base)
            if record:
                owners_before[record.id] = record._softphone_auto_owner()
                current = record._softphone_call_values()
                changes = {k: v for k, v in state.items() if v != current.get(k)}
                values = record._softphone_values_from(changes)
                values["call_event_log"] = log
                to_write.append((record, values))
            else:
                to_create.append({"call_uid": uid, "call_event_log": log, **state})
        # the new calls first, then the known ones written: what follows the merge writes them
        # again, and all of it reaches the database in one flush
        created = Interaction
        if to_create:
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    created = self._softphone_create_calls(Interaction, to_create)
            except Exception as exc:
                if getattr(exc, "pgcode", None) == "23505":  # created meanwhile: start again
                    raise ConcurrencyError("call created by a concurrent request") from exc
                raise
        changed = Interaction
        for record, values in to_write:
            record.write(values)
            changed |= record
        (created | changed)._softphone_after_merge(created, owners_before)
        return created | Interaction.browse(call.id for call in existing.values())

    def _softphone_create_calls(self, Interaction, changes_list):
        """The new calls of this PBX (`Interaction` the model as the merge creates them)."""
        vals_list = []
        for changes in changes_list:
            values = Interaction._softphone_values_from(changes)
            values.update(
                {
                    "call_uid": changes["call_uid"],
                    "call_event_log": changes.get("call_event_log"),
                    "softphone_pbx_id": self.id,
                    "company_id": self.company_id.id,
                    "kind": "call",
                    "name": _("Call"),
                    "user_id": False,
                }
            )
            vals_list.append(values)
        return Interaction.create(vals_list)

    # ------------------------------------------------------------------ users and matching

    def _softphone_extension(self, number):
        """The extension record of this PBX with this number (or an empty recordset)."""
        self.ensure_one()
        if not number:
            return self.env["crm.softphone.extension"]
        return self.sudo().extension_ids.filtered(lambda e: e.name == number)[:1]

    def _softphone_match(self, raw):
        """(e164, partners) for a raw number: exact E.164 first, else the national number;
        for each, the first number of a phone field first, else the others written in it.

        Runs on every call: one indexed query per key, straight in SQL (active partners of
        the PBX's company or of none, as the superuser reads them). A number found as the first
        number of a field costs one btree lookup, as before fields held several numbers.
        """
        Partner = self.env["res.partner"].sudo()
        self._softphone_flush_cards()
        company_id, country = self._softphone_scope()
        # the number as PBXs write it, guessed without parsing: found among the stored keys
        # (parsed and validated when stored), it is that number
        guess = phone.guess_e164(raw, country)
        if guess:
            ids = self._softphone_partner_ids("phone_e164", guess, company_id)
            if ids:
                return guess, Partner.browse(ids)
        return self._softphone_match_parsed(raw, guess)

    def _softphone_match_many(self, raws):
        """{raw: (e164, partners)} for several raw numbers, as `_softphone_match` finds them:
        the guesses found as the first number of a field in one query for all, the rest one
        by one; the partners of all of them read together."""
        Partner = self.env["res.partner"].sudo()
        self._softphone_flush_cards()
        company_id, country = self._softphone_scope()
        guesses = {raw: phone.guess_e164(raw, country) for raw in set(raws)}
        found = defaultdict(list)
        keys = sorted({guess for guess in guesses.values() if guess})
        if keys:
            self.env.cr.execute(MANY_E164_QUERY, (keys, company_id))
            for key, partner_id in sorted(self.env.cr.fetchall(), key=lambda row: row[1]):
                if len(found[key]) < 20:
                    found[key].append(partner_id)
        matches = {}
        for raw, guess in guesses.items():
            if found.get(guess):
                matches[raw] = (guess, found[guess])
            else:
                e164, partners = self._softphone_match_parsed(raw, guess)
                matches[raw] = (e164, partners.ids)
        every = [pid for __, ids in matches.values() for pid in ids]
        return {
            raw: (e164, Partner.browse(ids).with_prefetch(every))
            for raw, (e164, ids) in matches.items()
        }

    def _softphone_match_values(self, numbers):
        """{number: values of its call}: the caller, contacts, possible callers and interest
        of each number. A company and its people who share the number (the switchboard on the
        company's card and on its contact's) are one client: the company, with the contact
        when only one has it. The interest is the client's open opportunity moved last."""
        per_number = {}
        for number, (e164, partners) in self._softphone_match_many(numbers).items():
            clients = partners.commercial_partner_id
            people = partners - clients
            values = {
                "call_number_e164": e164 or False,
                "call_match_ids": [fields.Command.set([])],
            }
            if len(clients) > 1:
                values["call_match_ids"] = [fields.Command.set(partners.ids)]
            elif clients:
                values["partner_id"] = clients.id
                values["contact_ids"] = [fields.Command.set(people.ids if len(people) == 1 else [])]
                if len(people) > 1:  # which of the client's people: offered
                    values["call_match_ids"] = [fields.Command.set(people.ids)]
            per_number[number] = values
        client_ids = {
            values["partner_id"] for values in per_number.values() if "partner_id" in values
        }
        if client_ids:
            last_lead = {}
            for lead in (
                self.env["crm.lead"]
                .sudo()
                .search(
                    [
                        ("partner_id", "child_of", list(client_ids)),
                        ("type", "=", "opportunity"),
                        ("won_status", "=", "pending"),
                    ],
                    order="date_last_stage_update desc, id desc",
                )
            ):
                partner = lead.partner_id  # the lead is of each client above its partner
                while partner:
                    if partner.id in client_ids:
                        last_lead.setdefault(partner.id, lead.id)
                    partner = partner.parent_id
            for values in per_number.values():
                if values.get("partner_id") in last_lead:
                    values["lead_id"] = last_lead[values["partner_id"]]
        return per_number

    def _softphone_match_parsed(self, raw, guess):
        """`_softphone_match` once the guess `guess` found nobody: the number parsed."""
        Partner = self.env["res.partner"].sudo()
        company_id, country = self._softphone_scope()
        prefix = self.dial_prefix if self.dial_format == phone.DIAL_PREFIX else ""
        e164, nsn = phone.keys_dialled(raw, country, prefix)
        if not e164:
            return None, Partner
        # the other numbers of a field: GIN index on their array (res_partner.init)
        keys = [("phone_e164_other", e164), ("phone_nsn", nsn), ("phone_nsn_other", nsn)]
        if e164 != guess:
            keys.insert(0, ("phone_e164", e164))
        for key, value in keys:
            ids = self._softphone_partner_ids(key, value, company_id)
            if ids:
                return e164, Partner.browse(ids)
        return e164, Partner

    def _softphone_flush_cards(self):
        """The cards' keys, company and archiving written to the database before they are
        read there in SQL; asked of the ORM only when anything at all waits to be written
        (none of them is computed: nothing waits to be computed)."""
        if self.env._field_dirty:
            self.env["res.partner"].flush_model(LOOKUP_FIELDS)

    def _softphone_partner_ids(self, key, value, company_id):
        """Active partners of the company (or of none) whose `key` (PARTNER_KEYS) holds
        `value`: the first 20 by id. Asked first without an order (a sort node costs the
        server as much again as the lookup: planned and run in 0.10 ms against 0.19 ms on
        1,000,000 cards) and without conditions on the card's company and archiving (a sixth
        more): up to 20 cards are all the cards with the number, checked here. Only a number
        that more than 20 cards share is asked again, with them."""
        first, ordered = KEY_QUERIES[key]
        cr = self.env.cr
        cr.execute(first, (value,))
        rows = cr.fetchall()
        if len(rows) > 20:
            cr.execute(ordered, (value, company_id))
            return [row[0] for row in cr.fetchall()]
        return sorted(
            pid for pid, active, cid in rows if active and (cid is None or cid == company_id)
        )

    # ------------------------------------------------------------------ click-to-dial

    @api.private
    def softphone_dial(self, user, number):
        """Start a call from `user`'s phone to `number` through this PBX."""
        self.ensure_one()
        pbx = self.sudo()
        extension = pbx.extension_ids.filtered(lambda e: e.user_id == user)[:1]
        if not extension:
            raise UserError(_("You have no extension on PBX %s.", pbx.name))
        e164 = phone.normalize(number, pbx._softphone_scope()[1])
        if not e164:
            raise UserError(_("%s is not a phone number that can be dialled.", number or ""))
        # what the PBX is given: the number in the form it dials
        dialled = phone.dial_string(
            e164, pbx._softphone_scope()[1], pbx.dial_format, pbx.dial_prefix or ""
        )
        if pbx.kind == "ami":
            try:
                ami.originate(
                    pbx.host,
                    pbx.port,
                    pbx.username or "",
                    pbx.secret or "",
                    channel=(pbx.channel_template or "PJSIP/{extension}").format(
                        extension=extension.name
                    ),
                    exten=dialled,
                    context=pbx.originate_context or "from-internal",
                    caller_id=extension.name,
                )
            except ami.AmiError as exc:
                raise UserError(_("The PBX refused the call: %s", str(exc))) from exc
        else:
            if not pbx.dial_url:
                raise UserError(_("PBX %s has no dial URL.", pbx.name))
            url = pbx.dial_url.format(
                extension=quote(extension.name),
                number=quote(dialled),
                token=quote(pbx.token or ""),
            )
            try:
                response = requests.post(url, timeout=10)
                response.raise_for_status()
            except requests.RequestException as exc:
                raise UserError(_("The PBX refused the call: %s", str(exc))) from exc
        return extension, e164
