from odoo import _, api, models
from odoo.tools import html2plaintext, ormcache

# Models whose messages are interactions with a client: the client's card and the interest.
CLIENT_MODELS = ("res.partner", "crm.lead")
# Exchanges with the client: an email received, an SMS sent. A message sent from the chatter
# ("Send message": a comment whose subtype is not internal) is an email sent to the client.
# A mailing ("email_outgoing", sent by the mass mail composer) only if the company asks for it.
EXCHANGE_TYPES = ("email", "sms")
MAILING_TYPE = "email_outgoing"
SUMMARY_SIZE = 80


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        # decide from the values: reading the new messages back costs queries (their access
        # checks) on every message posted, and most messages are not interactions
        public = self._crm_interaction_public_subtype_ids()
        relevant = [
            message.id
            for message, vals in zip(messages, vals_list, strict=True)
            if vals.get("model") in CLIENT_MODELS
            and vals.get("res_id")
            and self._crm_interaction_is_exchange(vals, public)
        ]
        if relevant:
            messages.browse(relevant)._register_interactions()
        return messages

    @api.model
    def _crm_interaction_is_exchange(self, vals, public_subtype_ids):
        """Whether a message (its create values) is an exchange with the client: never an
        internal note, a tracking message or a notification."""
        message_type = vals.get("message_type", "comment")
        if message_type in EXCHANGE_TYPES or message_type == MAILING_TYPE:
            return True
        return message_type == "comment" and vals.get("subtype_id") in public_subtype_ids

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
        `create` selected them) become interactions: a few queries for all of them, none per
        message.

        The interaction links to its message (no copy of the body) and is written as superuser
        (the author of an incoming email is no user), silently: no chatter message, no
        follower added.
        """
        messages = self.sudo()
        lead_ids = {m.res_id for m in messages if m.model == "crm.lead"}
        partner_ids = {m.res_id for m in messages if m.model == "res.partner"}
        leads = self.env["crm.lead"].sudo().with_context(active_test=False)
        leads = leads.search_fetch(
            [("id", "in", list(lead_ids))], ["partner_id", "user_id", "company_id"]
        ) if lead_ids else leads  # fmt: skip
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        partners = partners.search_fetch(
            [("id", "in", list(partner_ids))], ["commercial_partner_id", "user_id", "company_id", "partner_share"]
        ) if partner_ids else partners  # fmt: skip
        leads_by_id = {lead.id: lead for lead in leads}
        partners_by_id = {partner.id: partner for partner in partners}
        vals_list = []
        for message in messages:
            if message.model == "crm.lead":
                lead = leads_by_id.get(message.res_id, leads.browse())
                partner = lead.partner_id
            else:
                lead = leads.browse()
                partner = partners_by_id.get(message.res_id, partners.browse())
            if not (lead or partner) or (not lead and not partner.partner_share):
                continue  # gone, or a colleague's card: no client
            company = lead.company_id or partner.company_id or self.env.company
            if partner.company_id and partner.company_id != company:
                continue  # an interest whose client belongs to another company: no link
            if message.message_type == MAILING_TYPE and not company.crm_interaction_mailings:
                continue
            author_user = message.author_id.user_ids.filtered(lambda u: not u.share)[:1]
            # received: an email, or a message the client wrote himself (portal)
            incoming = message.message_type == "email" or (
                message.message_type == "comment" and not author_user
            )
            client = partner.commercial_partner_id
            # the client's contact person who wrote (an email, a portal message)
            contact_author = message.author_id.filtered(
                lambda a, client=client, partner=partner: (
                    a.commercial_partner_id == client and a not in (client | partner)
                )
            )
            vals_list.append(
                {
                    "name": message.subject
                    or html2plaintext(message.body or "")[:SUMMARY_SIZE]
                    or (_("Incoming email") if incoming else _("Outgoing message")),
                    "kind": "sms" if message.message_type == "sms" else "email",
                    "direction": "incoming" if incoming else "outgoing",
                    "date": message.date,
                    "partner_id": client.id,
                    "contact_ids": [(6, 0, (partner - client).ids + contact_author.ids)],
                    "lead_id": lead.id,
                    "user_id": (
                        lead.user_id or partner.user_id or (not incoming and author_user)
                    ).id
                    or False,
                    "company_id": company.id,
                    "email": message.email_from if incoming else False,
                    "message_id": message.id,
                }
            )
        if vals_list:
            self.env["crm.interaction"].sudo().with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
            ).create(vals_list)
