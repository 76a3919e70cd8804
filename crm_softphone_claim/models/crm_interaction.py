from odoo import _, models
from odoo.addons.crm_claim.models.crm_claim import FINAL_STATES
from odoo.fields import Domain


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    def _softphone_popup_extend(self, payload):
        payload = super()._softphone_popup_extend(payload)
        client = payload.get("client")
        if not client:
            return payload
        Claim = self.env["crm.claim"]
        if not Claim.has_access("read"):
            return payload
        claims = Claim.search(
            Domain("partner_id", "child_of", client["id"])
            & Domain("state", "not in", FINAL_STATES),
            limit=10,
        )
        payload["claims"] = [
            {"id": claim.id, "name": claim.display_name, "model": "crm.claim"} for claim in claims
        ]
        if Claim.has_access("create"):
            payload["actions"].append({"name": _("New Claim"), "method": "action_create_claim"})
        return payload
