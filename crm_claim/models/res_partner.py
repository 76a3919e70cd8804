from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    claim_count = fields.Integer(
        compute="_compute_claim_count",
        help="Claims of the client (the company and its contacts): feeds client indicators.",
    )

    def _compute_claim_count(self):
        counts = dict(
            self.env["crm.claim"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.claim_count = sum(
                count
                for client, count in counts.items()
                if client.commercial_partner_id == partner.commercial_partner_id
            )

    def _claim_defaults(self):
        self.ensure_one()
        client = self.commercial_partner_id
        return {
            "partner_id": client.id,
            "contact_id": self.id if self != client else False,
        }

    @api.readonly
    def action_view_claims(self):
        self.ensure_one()
        return self.env["crm.claim"]._action_view_claims(
            [("partner_id", "child_of", self.commercial_partner_id.id)], self._claim_defaults()
        )
