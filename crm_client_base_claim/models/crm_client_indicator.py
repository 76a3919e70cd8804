from odoo import fields, models
from odoo.tools import SQL


class CrmClientIndicator(models.Model):
    _inherit = "crm.client.indicator"

    claim_count = fields.Integer("Claims", readonly=True, help="The client's claims, all of them.")
    open_claim_count = fields.Integer(
        "Open Claims", readonly=True, help="The client's claims still being processed."
    )

    def _refresh(self, company, today=None):
        """The claims counted with the other indicators: one SQL statement."""
        self.env["crm.claim"].flush_model(["partner_id", "company_id", "state"])
        select = SQL(
            """
            SELECT rp.commercial_partner_id AS partner_id, COUNT(*),
                   COUNT(*) FILTER (WHERE claim.state = 'processing')
              FROM crm_claim claim
              JOIN res_partner rp ON rp.id = claim.partner_id
             WHERE claim.company_id = %s
             GROUP BY rp.commercial_partner_id
            """,
            company.id,
        )
        self._upsert(company, ["claim_count", "open_claim_count"], select)
        return super()._refresh(company, today=today)
