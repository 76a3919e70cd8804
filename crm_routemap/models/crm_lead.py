from odoo import _, api, fields, models
from odoo.addons.crm_interest.models import crm_lead as interest_lead
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    routemap_process_ids = fields.One2many(
        "crm.routemap.process", "lead_id", string="Route-map Processes"
    )
    routemap_task_ids = fields.One2many(
        "crm.routemap.task",
        "lead_id",
        string="Route-map Tasks",
        domain=[("state", "=", "open")],
    )
    routemap_process_id = fields.Many2one(
        "crm.routemap.process",
        compute="_compute_routemap_process_id",
        string="Controlling Process",
    )
    routemap_diagram = fields.Text(compute="_compute_routemap_process_id", string="Route Map")
    routemap_current = fields.Char(compute="_compute_routemap_process_id")

    def _compute_routemap_process_id(self):
        processes = self.env["crm.routemap.process"].search(
            [("lead_id", "in", self.ids), ("is_controlling", "=", True)], order="id desc"
        )
        for lead in self:
            process = processes.filtered(lambda p, lead=lead: p.lead_id == lead)[:1]
            lead.routemap_process_id = process
            lead.routemap_diagram = process.diagram
            lead.routemap_current = process.current_elements

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        controlled = leads.filtered(
            lambda lead: lead.process_kind == "routemap" and lead.scenario_id
        )
        if controlled:
            maps = self.env["crm.routemap"].sudo()._routemap_controlling(controlled.scenario_id)
            for lead in controlled:
                if lead.scenario_id in maps:
                    self.env["crm.routemap.process"]._routemap_start(maps[lead.scenario_id], lead)
        return leads

    def write(self, vals):
        leaving = self.env["crm.lead"]
        if vals.get("process_kind") and vals["process_kind"] != "routemap":
            leaving = self.filtered(lambda lead: lead.process_kind == "routemap")
        result = super().write(vals)
        if leaving:
            leaving.sudo().routemap_process_ids.filtered(
                lambda p: p.state == "running" and p.is_controlling
            )._routemap_terminate(lose=False)
        return result

    def _routemap_set_won(self):
        """Close as won: the route map's own move (the lock lets only it through)."""
        return self.with_context(
            **{interest_lead._STATE_KEY: interest_lead._SERVER}
        ).action_set_won()

    def action_routemap_start(self, routemap_id):
        """Start a supporting route map on this interest."""
        self.ensure_one()
        self.check_access("write")
        routemap = self.env["crm.routemap"].browse(routemap_id).exists()
        if (
            not routemap
            or routemap.target != "interest"
            or routemap.scenario_id != self.scenario_id
        ):
            raise UserError(_("Choose an active route map of the interest's scenario."))
        if routemap._routemap_is_controlling():
            raise UserError(_("A controlling route map starts by itself with the interest."))
        self.env["crm.routemap.process"]._routemap_start(routemap.sudo(), self)
        return True
