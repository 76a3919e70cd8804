from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from .crm_interaction import SYNC_KEY

# Models whose meetings may be meetings with a client (a meeting planned from an HR
# applicant, a project task... is not, whoever attends it).
CLIENT_EVENT_MODELS = (False, "crm.lead", "res.partner")
# How far back the daily run looks for occurrences of recurring meetings that took place.
OCCURRENCE_LOOKBACK = timedelta(days=30)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    interaction_ids = fields.One2many("crm.interaction", "calendar_event_id", string="Interaction")

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        if not self.env.context.get(SYNC_KEY):
            events._sync_interactions()
        return events

    def write(self, vals):
        res = super().write(vals)
        synced = {"name", "start", "stop", "duration", "user_id", "description"}
        synced |= {"partner_ids", "opportunity_id", "active", "privacy"}
        if not self.env.context.get(SYNC_KEY) and synced & set(vals):
            if "privacy" in vals or "user_id" in vals:
                # made private: what was registered of it goes (its title, its description)
                self.sudo().filtered(lambda e: e._crm_is_private()).interaction_ids.unlink()
            self._sync_interactions()
        return res

    def _crm_is_private(self):
        self.ensure_one()
        return (self.privacy or self.user_id.calendar_default_privacy) == "private"

    def _crm_interaction_clients(self):
        """{event: client} for the meetings of these events that are meetings with a client:
        not private, about an interest or attended by a client or a client's contact person
        (a partner with a salesperson, an interest or sales): one search for all of them.

        A private event, an HR interview, a meeting among colleagues or with a stranger is
        never one.
        """
        events = self.sudo().filtered(
            lambda e: not e._crm_is_private() and e.res_model in CLIENT_EVENT_MODELS
        )
        clients = {}
        externals = events.partner_ids.filtered(lambda p: not p.user_ids)
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        known = Domain("user_id", "!=", False) | Domain("opportunity_ids", "!=", False)
        if "customer_rank" in Partner._fields:
            known |= Domain("customer_rank", ">", 0)
        candidates = externals | externals.commercial_partner_id
        real = Partner.search(Domain("id", "in", candidates.ids) & known) if candidates else Partner
        for event in events:
            if event.opportunity_id.partner_id:
                clients[event] = event.opportunity_id.partner_id.commercial_partner_id
                continue
            for partner in event.partner_ids.filtered(lambda p: not p.user_ids):
                if partner in real or partner.commercial_partner_id in real:
                    clients[event] = partner.commercial_partner_id
                    break
        return clients

    def _crm_happened_or_single(self):
        """A recurring series counts one meeting per occurrence that took place; a single
        meeting is registered when planned."""
        now = fields.Datetime.now()
        return self.filtered(lambda e: not e.recurrence_id or (e.stop and e.stop <= now))

    def _interaction_values(self, client):
        self.ensure_one()
        externals = self.partner_ids.filtered(lambda p: not p.user_ids)
        return {
            "name": self.name,
            "kind": "meeting",
            "date": self.start,
            "duration": self.duration,
            "user_id": self.user_id.id,
            "description": self.description,
            "partner_id": client.id,
            "lead_id": self.opportunity_id.id,
            "company_id": (
                self.opportunity_id.company_id
                or client.company_id
                or self.user_id.company_id
                or self.env.company
            ).id,
            "contact_ids": [
                fields.Command.set(
                    (externals.filtered(lambda p: p.commercial_partner_id == client) - client).ids
                )
            ],
            "participant_ids": [fields.Command.set((self.partner_ids.user_ids - self.user_id).ids)],
        }

    def _sync_interactions(self):
        """Register meetings with a client as meeting interactions, updating the one already
        registered rather than adding a second."""
        Interaction = (
            self.env["crm.interaction"]
            .sudo()
            .with_context(**{SYNC_KEY: True}, mail_create_nolog=True, mail_create_nosubscribe=True)
        )
        clients = self._crm_interaction_clients()
        to_create = []
        for event in self.sudo():
            interaction = event.interaction_ids[:1]
            if interaction:
                if event._crm_is_private():
                    continue
                client = clients.get(event) or interaction.partner_id
                values = event._interaction_values(client)
                values.pop("company_id")  # a registered meeting stays in its company
                if not values["lead_id"]:
                    values.pop("lead_id")
                interaction.with_context(**{SYNC_KEY: True}).write(values)
            elif event.active and event in clients and event._crm_happened_or_single():
                to_create.append(
                    {**event._interaction_values(clients[event]), "calendar_event_id": event.id}
                )
        if to_create:
            Interaction.create(to_create)

    @api.model
    def _cron_register_occurrences(self):
        """Occurrences of recurring meetings with a client that took place since the last
        days become interactions (one per occurrence; in committed batches, an occurrence
        registered leaving the search)."""
        now = fields.Datetime.now()
        self.env["ir.cron"]._crm_run_batches(
            "calendar_occurrences",
            self.sudo(),
            [
                ("recurrence_id", "!=", False),
                ("stop", "<=", now),
                ("stop", ">=", now - OCCURRENCE_LOOKBACK),
                ("interaction_ids", "=", False),
            ],
            lambda events: events._sync_interactions(),
        )
