from odoo import _, api, models
from odoo.tools import html2plaintext, ormcache

# Models whose messages are interactions with a client: the client's card and the interest.
CLIENT_MODELS = ("res.partner", "crm.lead")


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        # decide from the values: reading the new messages back costs queries (their access
        # checks) on every message posted, and most messages are not interactions
        public = self._crm_interaction_public_subtype_ids()
        relevant = [
            message
            for message, vals in zip(messages, vals_list, strict=True)
            if vals.get("model") in CLIENT_MODELS
            and vals.get("res_id")
            and (
                vals.get("message_type", "comment") in ("email", "email_outgoing", "sms")
                or (
                    vals.get("message_type", "comment") == "comment"
                    and vals.get("subtype_id") in public
                )
            )
        ]
        if relevant:
            messages.browse([message.id for message in relevant])._register_interactions()
        return messages

    @api.model
    @ormcache()
    def _crm_interaction_public_subtype_ids(self):
        """Subtypes of messages sent to the outside (not internal notes), read once: no
        query per message posted (chatter notes, merges, assignments...)."""
        return frozenset(
            self.env["mail.message.subtype"].sudo().search([("internal", "=", False)]).ids
        )

    def _register_interactions(self):
        """These messages (emails received or sent, SMS sent on a client or an interest, as
        `create` selected them) become interactions.

        Incoming email: `email`; outgoing: a sent message (`comment` that is not an internal
        note, or `email_outgoing`); SMS: `sms` (Odoo's sms module posts one per SMS sent).
        """
        vals_list = []
        leads = (
            self.env["crm.lead"]
            .sudo()
            .browse(self.filtered(lambda m: m.model == "crm.lead").mapped("res_id"))
        )
        for message in self:
            if message.model == "crm.lead":
                lead = leads.browse(message.res_id).exists()
                partner = lead.partner_id
            else:
                lead = leads.browse()
                partner = self.env["res.partner"].sudo().browse(message.res_id).exists()
            if not (lead or partner):
                continue
            kind = "sms" if message.message_type == "sms" else "email"
            incoming = message.message_type == "email"
            author_user = message.author_id.user_ids[:1]
            vals_list.append(
                {
                    "name": message.subject
                    or html2plaintext(message.body or "")[:80]
                    or (_("Incoming email") if incoming else _("Outgoing message")),
                    "kind": kind,
                    "direction": "incoming" if incoming else "outgoing",
                    "date": message.date,
                    "partner_id": partner.commercial_partner_id.id,
                    "contact_ids": [(6, 0, (partner - partner.commercial_partner_id).ids)],
                    "lead_id": lead.id,
                    "user_id": (
                        lead.user_id or partner.user_id or (not incoming and author_user)
                    ).id
                    or False,
                    "company_id": (lead.company_id or partner.company_id or self.env.company).id,
                    "email": message.email_from if incoming else False,
                    "description": message.body,
                    "message_id": message.id,
                }
            )
        if vals_list:
            self.env["crm.interaction"].sudo().create(vals_list)
