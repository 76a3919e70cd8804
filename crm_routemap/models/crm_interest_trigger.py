from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmInterestTrigger(models.Model):
    """A scenario trigger may start a supporting route map on the interest."""

    _inherit = "crm.interest.trigger"

    action = fields.Selection(
        selection_add=[("routemap", "Start a supporting route map")],
        ondelete={"routemap": "cascade"},
    )
    routemap_id = fields.Many2one(
        "crm.routemap",
        string="Route Map",
        domain="[('target', '=', 'interest'), ('interest_kind', '=', 'supporting'), "
        "('scenario_id', '=', scenario_id), ('status', '=', 'active')]",
        help="The supporting route map the trigger starts on the interest.",
    )

    @api.depends("routemap_id")
    def _compute_description(self):
        return super()._compute_description()

    def _action_words(self):
        if self.action == "routemap":
            return _("start the route map «%s»", self.routemap_id.name or "?")
        return super()._action_words()

    @api.constrains("action", "routemap_id", "scenario_id")
    def _check_routemap(self):
        for trigger in self.filtered(lambda t: t.action == "routemap"):
            routemap = trigger.routemap_id
            if (
                not routemap
                or routemap.target != "interest"
                or routemap.interest_kind != "supporting"
                or routemap.scenario_id != trigger.scenario_id
            ):
                raise ValidationError(
                    _(
                        'The trigger "%s" needs a supporting route map of its scenario.',
                        trigger.description,
                    )
                )

    def _run(self, leads):
        """Start the supporting map on each interest, unless a process of it is running."""
        trigger = self.exists()
        if not trigger or not leads or trigger.action != "routemap":
            return super()._run(leads)
        routemap = trigger.sudo().routemap_id
        # the active version of the map (a new version may have replaced the chosen one)
        active = routemap.search(
            [("origin_id", "=", routemap.origin_id.id), ("status", "=", "active")], limit=1
        )
        if not active:
            return None
        running = (
            self.env["crm.routemap.process"]
            .sudo()
            .search(
                [
                    ("lead_id", "in", leads.ids),
                    ("routemap_id.origin_id", "=", routemap.origin_id.id),
                    ("state", "=", "running"),
                ]
            )
            .lead_id
        )
        for lead in leads - running:
            if lead.scenario_id == active.scenario_id:
                lead.action_routemap_start(active.id)
        return None
