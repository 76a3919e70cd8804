from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmRoutemapProcess(models.Model):
    _inherit = "crm.routemap.process"

    claim_id = fields.Many2one(
        "crm.claim", string="Claim", readonly=True, index="btree_not_null", ondelete="cascade"
    )

    @api.model_create_multi
    def create(self, vals_list):
        claim_id = self.env.context.get("routemap_claim_id")
        if claim_id:
            claim = self.env["crm.claim"].sudo().browse(claim_id)
            for vals in vals_list:
                if not vals.get("lead_id") and not vals.get("claim_id"):
                    vals.update(
                        claim_id=claim.id,
                        user_id=claim.user_id.id or self.env.user.id,
                        company_id=claim.company_id.id,
                    )
        return super().create(vals_list)

    @api.depends("claim_id")
    def _compute_name(self):
        result = super()._compute_name()
        for process in self.filtered("claim_id"):
            process.name = f"{process.routemap_id.name}: {process.claim_id.name}"
        return result

    @api.model
    def _routemap_start_claim(self, routemap, claim):
        """Start a process of `routemap` (an active map driving claims) on `claim`."""
        if routemap.target != "claim":
            raise UserError(_('Route map "%s" does not drive claims.', routemap.display_name))
        return (
            self.with_context(routemap_claim_id=claim.id)
            ._routemap_start(routemap, None)
            .with_context(routemap_claim_id=False)
        )

    def _routemap_object(self):
        """A claim's map drives the claim: its conditions are read over it."""
        return self.claim_id or super()._routemap_object()

    def _routemap_apply(self, run, reached):
        if self.claim_id:
            self = self.with_context(routemap_claim_id=self.claim_id.id)
        return super()._routemap_apply(run, reached)

    def _routemap_finish(self, end_element):
        """An end point closes the claim through the claim's own path: satisfied after a
        successful end, not satisfied after an unsuccessful one. The review results stay
        mandatory: without them the claim refuses to close and the task stays open."""
        result = super()._routemap_finish(end_element)
        claim = self.claim_id
        if claim and claim.state == "processing" and self.end_point_id:
            # the engine closes it on behalf of the performer, who may only read the claim
            claim = claim.sudo()
            if self.end_point_id.end_result == "unsuccessful":
                claim.action_set_not_satisfied()
            else:
                claim.action_set_satisfied()
        return result

    @api.model
    def _routemap_start_claim_demo(self, routemap_id, claim_id):
        """Demo data: a claim being processed along the map."""
        routemap = self.env["crm.routemap"].browse(routemap_id)
        claim = self.env["crm.claim"].browse(claim_id)
        if (
            routemap.status == "active"
            and claim.state == "processing"
            and not self.search_count([("claim_id", "=", claim.id)])
        ):
            self._routemap_start_claim(routemap, claim)
        return True
