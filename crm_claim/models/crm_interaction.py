from odoo import _, fields, models
from odoo.exceptions import UserError


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    claim_id = fields.Many2one(
        "crm.claim",
        string="Claim",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The claim this interaction is about: a claim's interactions form its history.",
    )

    def action_create_claim(self):
        """A claim registered from this interaction, which becomes part of its history."""
        self.ensure_one()
        if self.claim_id:
            raise UserError(_('Interaction "%s" already belongs to a claim.', self.name))
        if not self.partner_id:
            raise UserError(
                _('Interaction "%s" has no client: set the client to register a claim.', self.name)
            )
        claim = self.env["crm.claim"].create(self._claim_values())
        self.claim_id = claim
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.claim",
            "res_id": claim.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _claim_values(self):
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        contact = self.contact_ids[:1] or (
            self.partner_id if self.partner_id != client else self.env["res.partner"]
        )
        return {
            "partner_id": client.id,
            "contact_id": contact.id,
            "lead_id": self.lead_id.id,
            "description": self.description or self.name,
            "user_id": self.user_id.id,
            "participant_ids": [fields.Command.set(self.participant_ids.ids)],
            "company_id": self.company_id.id,
        }

    def action_open_claim(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.claim",
            "res_id": self.claim_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
