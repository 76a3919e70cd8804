from odoo import api, fields, models


class CrmRoutemapStart(models.TransientModel):
    """Start a supporting route map by hand (the controlling one starts by itself)."""

    _name = "crm.routemap.start"
    _description = "Start a Route Map"

    lead_id = fields.Many2one("crm.lead", string="Interest", ondelete="cascade")
    routemap_ids = fields.Many2many("crm.routemap", compute="_compute_routemap_ids")
    routemap_id = fields.Many2one(
        "crm.routemap",
        string="Route Map",
        required=True,
        domain="[('id', 'in', routemap_ids)]",
        help="An active route map that may be started here.",
    )

    @api.depends("lead_id")
    def _compute_routemap_ids(self):
        for wizard in self:
            wizard.routemap_ids = wizard._routemap_startable()

    def _routemap_startable(self):
        """The active maps this wizard's record may start (supporting maps of its scenario)."""
        if not self.lead_id.scenario_id:
            return self.env["crm.routemap"]
        return self.env["crm.routemap"].search(
            [
                ("status", "=", "active"),
                ("target", "=", "interest"),
                ("scenario_id", "=", self.lead_id.scenario_id.id),
                ("interest_kind", "!=", "controlling"),
            ]
        )

    def _routemap_record(self):
        return self.lead_id

    def action_start(self):
        """Start the chosen map; the record's own start method checks the rights."""
        self.ensure_one()
        self._routemap_record().action_routemap_start(self.routemap_id.id)
        return {"type": "ir.actions.act_window_close"}
