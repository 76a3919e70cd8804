from odoo import api, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.depends("scenario_id")
    def _compute_show_enrich_button(self):
        # an interest is never sent to the outside enrichment service: no Enrich button
        interests = self.filtered("scenario_id")
        interests.show_enrich_button = False
        return super(CrmLead, self - interests)._compute_show_enrich_button()

    def iap_enrich(self, *, batch_size=50):
        """Enrich native leads only: the enrichment cron and the action menu's Enrich leave
        interests alone (nothing of theirs is sent to the outside service)."""
        leads = self.filtered(lambda lead: not lead.scenario_id)
        if not leads:
            return None
        return super(CrmLead, leads).iap_enrich(batch_size=batch_size)
