from odoo import _, api, fields, models
from odoo.exceptions import UserError

CLAIM_USERS = "crm_claim.group_crm_claim_user"


class CrmClaim(models.Model):
    _inherit = "crm.claim"

    # route-map data is for the claims users: a participant who only reads the claim
    # (crm_claim's access) neither sees nor reads it
    routemap_process_ids = fields.One2many(
        "crm.routemap.process", "claim_id", string="Route-map Processes", groups=CLAIM_USERS
    )
    routemap_task_ids = fields.One2many(
        "crm.routemap.task",
        "claim_id",
        string="Route-map Tasks",
        domain=[("state", "=", "open")],
        groups=CLAIM_USERS,
    )
    routemap_process_id = fields.Many2one(
        "crm.routemap.process",
        compute="_compute_routemap_process_id",
        string="Process",
        groups=CLAIM_USERS,
    )
    routemap_diagram = fields.Text(
        compute="_compute_routemap_process_id", string="Route Map", groups=CLAIM_USERS
    )
    routemap_current = fields.Char(compute="_compute_routemap_process_id", groups=CLAIM_USERS)

    def _compute_routemap_process_id(self):
        processes = self.env["crm.routemap.process"].search(
            [("claim_id", "in", self.ids)], order="id desc"
        )
        for claim in self:
            mine = processes.filtered(lambda p, claim=claim: p.claim_id == claim)
            process = mine.filtered(lambda p: p.state == "running")[:1] or mine[:1]
            claim.routemap_process_id = process
            claim.routemap_diagram = process.diagram
            claim.routemap_current = process.current_elements

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        Routemap = self.env["crm.routemap"].sudo()
        for claim in claims:
            routemap = Routemap._routemap_claim_autostart(claim.company_id)
            if routemap:
                self.env["crm.routemap.process"]._routemap_start_claim(routemap, claim)
        return claims

    def action_routemap_start(self, routemap_id):
        """Start a route map that drives claims on this claim."""
        self.ensure_one()
        self.check_access("write")
        routemap = self.env["crm.routemap"].browse(routemap_id).exists()
        if not routemap or routemap.target != "claim" or routemap.status != "active":
            raise UserError(_("Choose an active route map that drives claims."))
        if self.state != "processing":
            raise UserError(_("A closed claim gets no new route-map process: reopen it first."))
        self.env["crm.routemap.process"]._routemap_start_claim(routemap.sudo(), self)
        return True
