from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

PROCESS_KINDS = [
    ("none", "Non-process"),
    ("manual", "Manual stage moves"),
    ("routemap", "Controlled by a route map"),
]


class CrmInterestScenario(models.Model):
    _name = "crm.interest.scenario"
    _description = "Interest Scenario"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    team_ids = fields.Many2many(
        "crm.team",
        string="Sales Teams",
        check_company=True,
        help="Sales teams working with this scenario.",
    )
    process_kind = fields.Selection(
        PROCESS_KINDS,
        string="Default Process Kind",
        required=True,
        default="manual",
        tracking=True,
        help="Process kind given to new interests of this scenario:\n"
        "- Non-process: only the start and the end (won or lost) are recorded;\n"
        "- Manual: the salesperson moves the interest between states freely;\n"
        "- Controlled: a route map moves the interest; nobody changes its state by hand.",
    )
    description = fields.Html(translate=True)
    stage_ids = fields.One2many("crm.stage", "scenario_id", string="States")
    lead_ids = fields.One2many("crm.lead", "scenario_id", string="Interests")
    lead_count = fields.Integer(string="Interests Count", compute="_compute_lead_count")
    trigger_ids = fields.One2many(
        "crm.interest.trigger", "scenario_id", string="Triggers", context={"active_test": False}
    )

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("scenario_id", "in", self.ids)], ["scenario_id"], ["__count"]
            )
        )
        for scenario in self:
            scenario.lead_count = counts.get(scenario, 0)

    @api.onchange("process_kind")
    def _onchange_process_kind_warning(self):
        if self.process_kind == "routemap" and self._origin.process_kind != "routemap":
            return {
                "warning": {
                    "title": _("Route-map control"),
                    "message": _(
                        "Interests controlled by a route map change state only when their route "
                        "map moves them: until a route map drives them, they cannot be won. "
                        "Interests already in this scenario keep their own process kind."
                    ),
                }
            }
        return None

    @api.constrains("stage_ids")
    def _check_won_state(self):
        for scenario in self:
            if scenario.stage_ids and not scenario.stage_ids.filtered("is_won"):
                raise ValidationError(
                    _('Scenario "%s" needs a won state to close interests as won.', scenario.name)
                )

    def write(self, vals):
        result = super().write(vals)
        if {"name", "active"} & set(vals):
            self.with_context(active_test=False).trigger_ids._sync_automation()
        return result

    def unlink(self):
        self.check_access("unlink")
        used = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("scenario_id", "in", self.ids)], ["scenario_id"], ["__count"])
        )
        if used:
            scenario, count = used[0]
            raise UserError(
                _(
                    'Scenario "%(scenario)s" has %(count)s interests: archive it instead of '
                    "deleting it, so their history stays.",
                    scenario=scenario.name,
                    count=count,
                )
            )
        # the triggers' automation rules are written with elevated rights (see the trigger)
        scenarios = self.with_context(active_test=False)
        scenarios.trigger_ids.unlink()
        scenarios.stage_ids.unlink()  # and their checklists
        return super().unlink()

    def action_open_automations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Automation Rules of %s", self.name),
            "res_model": "base.automation",
            "view_mode": "list,form",
            "domain": [
                ("id", "in", self.with_context(active_test=False).trigger_ids.automation_id.ids)
            ],
            "context": {"active_test": False, "create": False},
        }

    def action_open_interests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interest.crm_lead_action_my_sales"
        )
        action["display_name"] = self.name
        action["domain"] = [("scenario_id", "=", self.id)]
        action["context"] = {
            "default_scenario_id": self.id,
            "default_type": "opportunity",
            "search_default_scenario_id": self.id,
        }
        return action
