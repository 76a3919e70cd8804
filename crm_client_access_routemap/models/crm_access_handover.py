from odoo import _, models


class CrmAccessHandover(models.TransientModel):
    _inherit = "crm.access.handover"

    def _crm_handover_sources(self):
        """A leaver's open route-map tasks change hands with their activities (the activity
        of a task is not handed over by itself)."""
        sources = super()._crm_handover_sources()
        for source in sources:
            if source["model"] == "mail.activity":
                source["domain"] = [*source["domain"], ("routemap_task_id", "=", False)]
        sources.append(
            {
                "key": "routemap_tasks",
                "label": _("Open Route-Map Tasks"),
                "model": "crm.routemap.task",
                "domain": [("user_id", "=", self.from_user_id.id), ("state", "=", "open")],
                "user_field": "user_id",
                "client_field": "lead_id.partner_id",
                "team_field": "lead_id.team_id",
                "hand_over": "_crm_access_hand_over",
            }
        )
        return sources
