from pytz import UTC

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..pure import bpmn
from .abstract_translatable import translating

POINT_KINDS = [
    (bpmn.START, "Start"),
    (bpmn.END, "End"),
    (bpmn.ACTION, "Action"),
    (bpmn.CONDITION, "Condition"),
    (bpmn.CHOICE, "Choice"),
    (bpmn.SPLIT, "Split"),
    (bpmn.JOIN, "Join"),
    (bpmn.MERGE, "Merge"),
    (bpmn.NESTED, "Nested Process"),
]
PERFORMER_RULES = [
    ("responsible", "The object's responsible"),
    ("user", "A fixed user"),
    ("group", "The users of a group in turn"),
    ("team_leader", "The responsible's team leader"),
]


class CrmRoutemapPoint(models.Model):
    _name = "crm.routemap.point"
    _inherit = ["crm.routemap.translatable"]
    _description = "Route Map Point"
    _order = "routemap_id, id"

    routemap_id = fields.Many2one(
        "crm.routemap", string="Route Map", required=True, ondelete="cascade", index=True
    )
    scenario_id = fields.Many2one(related="routemap_id.scenario_id")
    element_id = fields.Char(
        string="Element", required=True, readonly=True, help="The BPMN element id."
    )
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(POINT_KINDS, required=True, default=bpmn.ACTION)
    stage_id = fields.Many2one(
        "crm.stage",
        string="Scenario State",
        domain="[('scenario_id', '=', scenario_id)]",
        help="The state the interest takes when the process reaches this point.",
    )
    end_result = fields.Selection(
        [("successful", "Successful"), ("unsuccessful", "Unsuccessful")],
        default="successful",
        help="Successful: the interest is won. Unsuccessful: it is lost with the loss reason.",
    )
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Loss Reason")
    performer_rule = fields.Selection(
        PERFORMER_RULES, string="Performer", required=True, default="responsible"
    )
    performer_user_id = fields.Many2one("res.users", string="Performer User")
    performer_group_id = fields.Many2one("res.groups", string="Performer Group")
    description = fields.Text(string="Task Description", translate=True)
    ask_result_text = fields.Boolean(
        string="Ask for a Result Text", help="Completing the task needs a result text."
    )
    duration = fields.Float(help="Time given to the performer, in working time.")
    duration_unit = fields.Selection(
        [("hours", "Working hours"), ("days", "Working days")], default="days", required=True
    )
    action_id = fields.Many2one(
        "ir.actions.actions",
        string="Action from the Task",
        help="An Odoo action the performer can run from the task (on the interest), "
        "e.g. create the customer order.",
    )
    called_routemap_id = fields.Many2one(
        "crm.routemap",
        string="Nested Map",
        domain="[('target', '=', 'independent'), ('id', '!=', routemap_id)]",
    )
    outgoing_ids = fields.One2many("crm.routemap.arrow", "source_id", string="Outgoing Arrows")
    state_arrow_id = fields.Many2one(
        "crm.routemap.arrow",
        string="State-changing Branch",
        domain="[('source_id', '=', id)]",
        help="Of the branches of a split, only this one moves the interest's state.",
    )
    rotation_index = fields.Integer(copy=False, readonly=True)

    _element_unique = models.Constraint(
        "UNIQUE(routemap_id, element_id)", "A point appears once per map."
    )

    @api.model_create_multi
    def create(self, vals_list):
        points = super().create(vals_list)
        points.routemap_id._routemap_check_draft()
        return points

    def write(self, vals):
        if set(vals) - {"rotation_index"}:
            self.routemap_id._routemap_check_draft()
        return super().write(vals)

    def unlink(self):
        self.routemap_id._routemap_check_draft()
        return super().unlink()

    def _routemap_performer_problem(self):
        """Why the performer rule cannot be resolved, or None."""
        self.ensure_one()
        if self.kind not in bpmn.TASK_KINDS:
            return None
        if self.performer_rule == "user" and not self.performer_user_id:
            return _("no user is chosen")
        if self.performer_rule == "group":
            if not self.performer_group_id:
                return _("no group is chosen")
            if not self.performer_group_id.sudo().user_ids.filtered("active"):
                return _('group "%s" has no user', self.performer_group_id.name)
        if self.performer_rule == "team_leader" and self.routemap_id.target != "interest":
            return _("an independent process has no team")
        return None

    def _routemap_performer(self, record, exclude=None):
        """The user who performs this point's task for `record` (an interest or nothing).

        `exclude`: users who may not get it (leaving the company): the rule then falls back
        to the responsible's team leader, then to the user who is acting."""
        self.ensure_one()
        exclude = exclude or self.env["res.users"]
        responsible = record.user_id if record and "user_id" in record else self.env.user
        leader = record.team_id.user_id if record and "team_id" in record else False
        if self.performer_rule == "user":
            chosen = self.performer_user_id or responsible
        elif self.performer_rule == "group":
            users = (self.performer_group_id.sudo().user_ids.filtered("active") - exclude).sorted(
                "id"
            )
            if users:
                self.sudo().rotation_index = (self.rotation_index + 1) % len(users)
                chosen = users[self.rotation_index % len(users)]
            else:
                chosen = responsible
        elif self.performer_rule == "team_leader":
            chosen = leader or responsible
        else:
            chosen = responsible or self.env.user
        for candidate in (chosen, leader, self.env.user):
            if candidate and candidate not in exclude and candidate.active:
                return candidate
        return self.env.ref("base.user_admin")

    def _routemap_deadline(self, start, company):
        """When the task is due: the duration on the company's working calendar (its leaves
        are the holidays), or False without a duration."""
        self.ensure_one()
        if not self.duration:
            return False
        calendar = company.resource_calendar_id or self.env.ref(
            "resource.resource_calendar_std", raise_if_not_found=False
        )
        if not calendar:
            return False
        start = start.replace(tzinfo=None)
        start = UTC.localize(start)
        hours = self.duration
        if self.duration_unit == "days":  # a working day is the calendar's working hours a day
            hours = self.duration * (calendar.hours_per_day or 8)
        due = calendar.plan_hours(hours, start, compute_leaves=True)
        return due.astimezone(UTC).replace(tzinfo=None) if due else False


class CrmRoutemapDraftCheck(models.Model):
    _inherit = "crm.routemap"

    def _routemap_check_draft(self):
        if translating(self.env):
            return
        frozen = self.filtered(lambda r: r.status != "draft")
        if frozen:
            raise UserError(
                _(
                    'Route map "%s" is active or archived: it cannot be changed. Make a new '
                    "version and change that one.",
                    frozen[0].display_name,
                )
            )
