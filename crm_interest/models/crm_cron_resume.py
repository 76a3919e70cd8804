from odoo import api, fields, models


class CrmCronResume(models.Model):
    """Where each batched cron of ours stopped: the last id its last committed batch did
    (0 once a run went to the end). A row of its own per cron, written by that cron alone,
    so that saving it clears no cache of any worker (a system parameter would)."""

    _name = "crm.cron.resume"
    _description = "Resume Point of a Cron"

    key = fields.Char("Cron", required=True, readonly=True)
    last_id = fields.Integer("Last Record Done", readonly=True)

    _key_unique = models.Constraint("UNIQUE(key)", "One resume point per cron.")

    @api.model
    def _get(self, key):
        return self.sudo().search([("key", "=", key)]).last_id

    @api.model
    def _set(self, key, last_id):
        point = self.sudo().search([("key", "=", key)])
        if point:
            point.last_id = last_id
        else:
            point.create({"key": key, "last_id": last_id})
