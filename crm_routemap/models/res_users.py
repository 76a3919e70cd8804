from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def action_archive(self):
        # before mail deletes the leaver's activities: route-map tasks move on, never vanish
        self._routemap_hand_over_tasks()
        return super().action_archive()

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._routemap_hand_over_tasks()
        return super().write(vals)

    def _routemap_hand_over_tasks(self):
        tasks = (
            self.env["crm.routemap.task"]
            .sudo()
            .search([("user_id", "in", self.ids), ("state", "=", "open")])
        )
        if tasks:
            tasks._routemap_hand_over(self)
