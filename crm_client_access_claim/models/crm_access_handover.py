from odoo import _, models


class CrmAccessHandover(models.TransientModel):
    _inherit = "crm.access.handover"

    def _crm_handover_sources(self):
        """A leaver's claims still processed change hands too."""
        sources = super()._crm_handover_sources()
        sources.append(
            {
                "key": "claims",
                "label": _("Open Claims"),
                "model": "crm.claim",
                "domain": [("user_id", "=", self.from_user_id.id), ("state", "=", "processing")],
                "user_field": "user_id",
                "client_field": "partner_id",
                "team_field": "lead_id.team_id",
            }
        )
        return sources
