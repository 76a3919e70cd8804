from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._interest_touch_leads()
        return activities

    def _action_done(self, feedback=False, attachment_ids=None):
        self._interest_touch_leads()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _interest_touch_leads(self):
        """Planning or completing an activity on an interest is client work."""
        lead_ids = {
            activity.res_id
            for activity in self
            if activity.res_model == "crm.lead" and activity.res_id
        }
        if lead_ids:
            self.env["crm.lead"].sudo().browse(lead_ids)._interest_touch()
