from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_softphone_call(self):
        """Click-to-dial from the interest: the call is tied to it."""
        self.ensure_one()
        return self.env["crm.softphone.dial"].dial_from(
            self.phone or self.partner_id.phone, self._name, self.id
        )
