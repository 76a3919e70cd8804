from odoo import api, fields, models


class CrmClaimSource(models.AbstractModel):
    """A record a claim can be registered from (interest, sales order, invoice): its claims'
    count, "Register Claim" pre-filled from `_claim_defaults()`, and the list of its claims."""

    _name = "crm.claim.source"
    _description = "Claim Source"
    _claim_field = ""  # the crm.claim field that points to this record

    claim_count = fields.Integer(compute="_compute_claim_count", string="Claim Count")

    def _compute_claim_count(self):
        counts = dict(
            self.env["crm.claim"]._read_group(
                [(self._claim_field, "in", self.ids)], [self._claim_field], ["__count"]
            )
        )
        for record in self:
            record.claim_count = counts.get(record, 0)

    def _claim_defaults(self):
        """The values a claim registered from this record starts with."""
        self.ensure_one()
        return {self._claim_field: self.id, "company_id": self.company_id.id}

    def _claim_client_defaults(self, partner):
        """Client (the commercial entity) and contact person from `partner`."""
        client = partner.commercial_partner_id
        return {
            "partner_id": client.id,
            "contact_id": partner.id if partner != client else False,
        }

    def action_create_claim(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_new_claim(self._claim_defaults())

    @api.readonly
    def action_view_claims(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_view_claims(
            [(self._claim_field, "=", self.id)], self._claim_defaults()
        )
