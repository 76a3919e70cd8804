from odoo import api, fields, models


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

    claim_id = fields.Many2one(
        related="process_id.claim_id", store=True, string="Claim", index="btree_not_null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        processes = (
            self.env["crm.routemap.process"]
            .sudo()
            .browse({vals.get("process_id") for vals in vals_list})
        )
        claims = processes.claim_id
        if len(claims) == 1 and not self.env.context.get("routemap_claim_id"):
            self = self.with_context(routemap_claim_id=claims.id)
        return super().create(vals_list)

    def _routemap_target(self):
        """A claim's task sits in its performer's activities on the claim itself."""
        return self.claim_id or super()._routemap_target()

    def _routemap_check_performer(self):
        """A claim manager completes and re-assigns every claim task, like a sales manager."""
        if self.env.user.has_group("crm_claim.group_crm_claim_manager"):
            self = self.filtered(lambda task: not task.claim_id)
        return super()._routemap_check_performer()
