from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_claim import CLAIM_USERS


class CrmClaim(models.Model):
    _inherit = "crm.claim"

    routemap_running = fields.Boolean(
        compute="_compute_routemap_screen",
        string="Driven by a Route Map",
        groups=CLAIM_USERS,
        help="A route-map process runs on the claim: no second map is started on it.",
    )
    routemap_labels = fields.Json(
        compute="_compute_routemap_screen", string="Diagram Labels", groups=CLAIM_USERS
    )

    @api.depends("routemap_process_ids.state")
    @api.depends_context("lang")
    def _compute_routemap_screen(self):
        for claim in self:
            processes = claim.sudo().routemap_process_ids.sorted("id", reverse=True)
            process = processes.filtered(lambda p: p.state == "running")[:1] or processes[:1]
            claim.routemap_running = process.state == "running"
            claim.routemap_labels = process.routemap_id._routemap_labels() if process else {}

    def action_routemap_start(self, routemap_id):
        """One route map drives a claim at a time."""
        self.ensure_one()
        if self.routemap_running:
            raise UserError(
                _(
                    'Claim "%(claim)s" is already driven by the route map "%(map)s": complete '
                    "or terminate it before starting another one.",
                    claim=self.display_name,
                    map=self.sudo()
                    .routemap_process_ids.filtered(lambda p: p.state == "running")[:1]
                    .routemap_id.name,
                )
            )
        return super().action_routemap_start(routemap_id)
