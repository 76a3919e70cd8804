from odoo import api, models

# activities on these documents are a claim's work; on the rest, sales work
CLAIM_MODELS = ("crm.claim",)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        """A new activity for an absent employee goes to his deputy."""
        Absence = self.env["crm.access.absence"]
        redirected = Absence._redirect_new_work(
            vals_list, self._crm_access_work_kind, default_user=self.env.uid
        )
        activities = super().create(vals_list)
        Absence._log_redirected(vals_list, activities, redirected)
        return activities

    @api.model
    def _crm_access_work_kind(self, vals):
        """Claims for an activity on a claim, else sales. The document's model comes as
        ``res_model`` or, from ``activity_schedule``, as ``res_model_id``."""
        model = vals.get("res_model")
        if not model and vals.get("res_model_id"):
            model = self.env["ir.model"].sudo().browse(vals["res_model_id"]).model
        return "claims" if model in CLAIM_MODELS else "sales"
