from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


def _claim_maps_to_independent(routemaps):
    """Uninstalling the glue: maps that drove claims become independent ones."""
    routemaps.env.cr.execute(
        SQL("UPDATE crm_routemap SET target = 'independent' WHERE id IN %s", tuple(routemaps.ids))
    )


class CrmRoutemap(models.Model):
    _inherit = "crm.routemap"

    target = fields.Selection(
        selection_add=[("claim", "Claim")], ondelete={"claim": _claim_maps_to_independent}
    )
    claim_autostart = fields.Boolean(
        string="Starts with Every Claim",
        help="A process of this map starts by itself for every new claim of the map's company.",
    )

    @api.constrains("status", "target", "claim_autostart", "company_id")
    def _check_one_claim_autostart(self):
        for routemap in self.filtered(
            lambda r: r.status == "active" and r.target == "claim" and r.claim_autostart
        ):
            other = self.search_count(
                [
                    ("id", "!=", routemap.id),
                    ("status", "=", "active"),
                    ("target", "=", "claim"),
                    ("claim_autostart", "=", True),
                    ("company_id", "in", [routemap.company_id.id, False]),
                ]
            )
            if other:
                raise ValidationError(
                    _(
                        "Another active route map already starts with every claim: archive it "
                        'before activating "%s".',
                        routemap.display_name,
                    )
                )

    def _routemap_object_model(self):
        """A claim's map reads the claim in its conditions."""
        return "crm.claim" if self.target == "claim" else super()._routemap_object_model()

    @api.model
    def _routemap_claim_autostart(self, company):
        """The active map that starts by itself for a new claim of `company`, if any."""
        return self.search(
            Domain("status", "=", "active")
            & Domain("target", "=", "claim")
            & Domain("claim_autostart", "=", True)
            & Domain("company_id", "in", [company.id, False]),
            order="company_id, id desc",
            limit=1,
        )

    @api.model
    def _routemap_claim_retarget(self, routemap_id):
        """Demo data: the independent "Claim processing" map is made to drive claims."""
        routemap = self.browse(routemap_id)
        if routemap.target != "independent" or routemap.process_ids:
            return False
        routemap.status = "draft"
        routemap.target = "claim"
        routemap.action_activate()
        return True
