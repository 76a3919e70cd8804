from odoo import _, fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    routemap_task_id = fields.Many2one(
        "crm.routemap.task", string="Route Map Task", readonly=True, index="btree_not_null"
    )

    def _routemap_refuse(self):
        if self.env.context.get("routemap_engine"):
            return
        if self.filtered("routemap_task_id"):
            raise UserError(
                _(
                    "This activity is a route-map task: complete it from the task, so that "
                    "the route map moves on."
                )
            )

    def _routemap_has_files(self):
        """Files attached to the activity (Odoo moves them to its "done" message)."""
        return bool(
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", self._name), ("res_id", "in", self.ids)], limit=1)
        )

    def _action_done(self, feedback=False, attachment_ids=None):
        self._routemap_refuse()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def unlink(self):
        self._routemap_refuse()
        return super().unlink()
