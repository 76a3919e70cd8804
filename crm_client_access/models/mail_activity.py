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
            vals_list,
            lambda vals: "claims" if vals.get("res_model") in CLAIM_MODELS else "sales",
            default_user=self.env.uid,
        )
        activities = super().create(vals_list)
        Absence._log_redirected(vals_list, activities, redirected)
        return activities
