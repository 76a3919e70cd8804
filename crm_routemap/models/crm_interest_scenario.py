from odoo import _, api, models
from odoo.exceptions import ValidationError


class CrmInterestScenario(models.Model):
    _inherit = "crm.interest.scenario"

    @api.constrains("process_kind")
    def _check_routemap_controlled(self):
        """Once a scenario has route maps, route-map control needs its active controlling map.

        (A scenario nobody drew a map for yet keeps crm_interest's behaviour: its interests
        wait, controlled, for a map to start on them.)
        """
        Routemap = self.env["crm.routemap"].sudo()
        controlled = self.filtered(lambda scenario: scenario.process_kind == "routemap")
        if not controlled:
            return
        with_maps = set(
            Routemap.with_context(active_test=False)
            .search([("scenario_id", "in", controlled.ids)])
            .mapped("scenario_id")
            .ids
        )
        active = Routemap._routemap_controlling(controlled)
        for scenario in controlled:
            if scenario.id in with_maps and scenario not in active:
                raise ValidationError(
                    _(
                        'Scenario "%s" has no active controlling route map: activate one before '
                        "making its interests controlled by a route map.",
                        scenario.name,
                    )
                )
