from odoo import api, fields, models

from .crm_interaction import SYNC_KEY


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
        synced |= {"partner_ids", "opportunity_id", "active"}
        if not self.env.context.get(SYNC_KEY) and synced & set(vals):
            self._sync_interactions()
        return res

    def _interaction_client(self):
        """The client of a meeting: its interest's client, else its first external attendee."""
        self.ensure_one()
        if self.opportunity_id.partner_id:
            return self.opportunity_id.partner_id
        external = self.partner_ids.filtered(lambda p: not p.user_ids)
        return external[:1].commercial_partner_id

    def _interaction_values(self):
        self.ensure_one()
        client = self._interaction_client()
        return {
            "name": self.name,
            "kind": "meeting",
            "date": self.start,
            "duration": self.duration,
            "user_id": self.user_id.id,
            "description": self.description,
            "partner_id": client.id,
            "lead_id": self.opportunity_id.id,
            "contact_ids": [
                fields.Command.set(
                    (self.partner_ids.filtered(lambda p: not p.user_ids) - client).ids
                )
            ],
            "participant_ids": [fields.Command.set((self.partner_ids.user_ids - self.user_id).ids)],
        }

    def _sync_interactions(self):
        """Register meetings with a client as meeting interactions, updating the one already
        registered rather than adding a second."""
        Interaction = self.env["crm.interaction"].sudo().with_context(**{SYNC_KEY: True})
        to_create = []
        for event in self:
            interaction = event.sudo().interaction_ids[:1]
            if interaction:
                values = event._interaction_values()
                if not values["partner_id"]:
                    values.pop("partner_id")  # never unlink the client of a registered meeting
                if not values["lead_id"]:
                    values.pop("lead_id")
                interaction.with_context(**{SYNC_KEY: True}).write(values)
            elif event.active and event._interaction_client():
                to_create.append({**event._interaction_values(), "calendar_event_id": event.id})
        if to_create:
            Interaction.create(to_create)
