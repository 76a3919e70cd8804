from odoo import _, api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _get_activity_groups(self):
        """The activity menu names crm.lead by its model's description, "Lead" (ru "Лид"):
        here a lead is an interest, so the menu says so (leads too when they are used)."""
        groups = super()._get_activity_groups()
        for group in groups:
            if group["model"] == "crm.lead":
                group["name"] = (
                    _("Leads and Interests")
                    if self.env.user.has_group("crm.group_use_lead")
                    else _("Interests")
                )
        return groups
