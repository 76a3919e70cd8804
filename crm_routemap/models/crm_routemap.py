import base64

from odoo import _, api, fields, models
from odoo.addons.crm_interest.models import crm_lead as interest_lead
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..pure import bpmn, validate
from .abstract_translatable import translating

TARGETS = [
    ("interest", "Interest"),
    ("independent", "Independent"),
]
KINDS = [
    ("controlling", "Controlling"),
    ("supporting", "Supporting"),
]
STATUSES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("archived", "Archived"),
]
# what may still change on an active or archived map: its status (by its actions), the
# archive flag and the chatter; everything else is frozen (make a new version)
_UNFROZEN = {"status", "active"}
_UNFROZEN_PREFIXES = ("message_", "activity_", "website_message", "rating_")


def _problem_messages(env):
    _ = env._
    return {
        "no_start": _("The map has no start point."),
        "many_starts": _("The map has several start points: %(detail)s."),
        "no_end": _("The map has no end point."),
        "unreachable": _('Point "%(point)s" cannot be reached from the start.'),
        "dead_end": _('Point "%(point)s" does not lead to any end point.'),
        "no_outgoing": _('Point "%(point)s" has no outgoing arrow.'),
        "condition_branches": _('Condition "%(point)s" needs at least two outgoing arrows.'),
        "condition_default": _(
            'Condition "%(point)s" needs a default arrow (taken when no condition holds).'
        ),
        "condition_expression": _('Arrow "%(detail)s" of condition "%(point)s" has no condition.'),
        "condition_invalid": _(
            'Arrow "%(detail)s" of condition "%(point)s" has an invalid condition.'
        ),
        "choice_answers": _('Choice "%(point)s" needs at least two answers (outgoing arrows).'),
        "choice_unnamed": _(
            'An answer of choice "%(point)s" has no name: name every outgoing arrow.'
        ),
        "split_unbalanced": _('The branches of split "%(point)s" do not meet again at one join.'),
        "join_unbalanced": _('Join "%(point)s" does not close exactly the branches of one split.'),
        "split_state_branch": _(
            'Split "%(point)s" has no branch marked as the state-changing one.'
        ),
        "state_missing": _('Point "%(point)s" has no scenario state.'),
        "state_other_scenario": _(
            'The state of point "%(point)s" is not a state of the map\'s scenario.'
        ),
        "performer_unresolvable": _(
            'The performer of point "%(point)s" cannot be found: %(detail)s.'
        ),
        "nested_missing": _('Nested process "%(point)s" names no map.'),
        "nested_inactive": _('The map of nested process "%(point)s" is not active.'),
        "nested_recursive": _('Nested process "%(point)s" calls back a map that contains it.'),
        "end_loss_reason": _('Unsuccessful end "%(point)s" needs a loss reason.'),
    }


class CrmRoutemap(models.Model):
    _name = "crm.routemap"
    _description = "Route Map"
    _inherit = ["mail.thread", "crm.routemap.translatable"]
    _order = "name, version desc, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    target = fields.Selection(
        TARGETS,
        string="Drives",
        required=True,
        default="interest",
        help="What the map's processes drive: an interest of a scenario, or nothing "
        "(an independent process).",
    )
    scenario_id = fields.Many2one(
        "crm.interest.scenario", string="Scenario", check_company=True, index="btree_not_null"
    )
    interest_kind = fields.Selection(
        KINDS,
        string="Kind",
        default="supporting",
        help="Controlling: starts by itself for every new interest of its scenario and moves "
        "its states. Supporting: started by hand or by a scenario trigger.",
    )
    status = fields.Selection(
        STATUSES, required=True, default="draft", tracking=True, copy=False, readonly=True
    )
    version = fields.Integer(default=1, required=True, copy=False, readonly=True)
    origin_id = fields.Many2one(
        "crm.routemap",
        string="First Version",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The first version of this map: every version of a map shares it.",
    )
    xml = fields.Text(
        string="Diagram",
        default=lambda self: self._default_xml(),
        help="The map as BPMN 2.0 XML.",
    )
    point_ids = fields.One2many("crm.routemap.point", "routemap_id", string="Points", copy=True)
    arrow_ids = fields.One2many("crm.routemap.arrow", "routemap_id", string="Arrows", copy=True)
    allow_termination = fields.Boolean(
        string="Allow Early Termination",
        help="The user may end a process early, giving the reason of failure.",
    )
    termination_stage_id = fields.Many2one(
        "crm.stage",
        string="State When Terminated",
        domain="[('scenario_id', '=', scenario_id)]",
    )
    process_ids = fields.One2many("crm.routemap.process", "routemap_id", string="Processes")
    object_model = fields.Char(
        compute="_compute_object_model",
        help="The model of the record the map's processes drive: conditions read its fields.",
    )
    process_count = fields.Integer(compute="_compute_process_count", string="Processes Count")
    problems = fields.Text(compute="_compute_problems", string="Problems")
    bpmn_file = fields.Binary(string="BPMN File", compute="_compute_bpmn_file")
    bpmn_filename = fields.Char(compute="_compute_bpmn_file")

    _name_version_unique = models.Constraint(
        "UNIQUE(origin_id, version)", "A map cannot have two versions with the same number."
    )

    @api.model
    def _default_xml(self):
        return bpmn.to_xml(bpmn.build("Process_1", "", [("StartEvent_1", bpmn.START, "")], []))

    # ------------------------------------------------------------------ computes

    def _compute_process_count(self):
        counts = dict(
            self.env["crm.routemap.process"]._read_group(
                [("routemap_id", "in", self.ids)], ["routemap_id"], ["__count"]
            )
        )
        for routemap in self:
            routemap.process_count = counts.get(routemap, 0)

    @api.depends("target")
    def _compute_object_model(self):
        for routemap in self:
            routemap.object_model = routemap._routemap_object_model()

    def _routemap_object_model(self):
        """The model conditions read: the interest, or the process of an independent map."""
        self.ensure_one()
        return "crm.lead" if self.target == "interest" else "crm.routemap.process"

    @api.depends("xml", "point_ids", "arrow_ids", "scenario_id", "target")
    def _compute_problems(self):
        for routemap in self:
            try:
                found = routemap._routemap_problems()
            except bpmn.BpmnError as error:
                found = [self._bpmn_error_message(error)]
            routemap.problems = "\n".join(found)

    @api.depends("xml", "arrow_ids.condition", "arrow_ids.condition_code", "point_ids.kind", "name")
    def _compute_bpmn_file(self):
        for routemap in self:
            if routemap.xml:
                routemap.bpmn_file = base64.b64encode(routemap._routemap_export().encode())
                routemap.bpmn_filename = f"{routemap.name or 'map'}.bpmn"
            else:
                routemap.bpmn_file = False
                routemap.bpmn_filename = False

    # ------------------------------------------------------------------ constraints

    @api.constrains("status", "target", "interest_kind", "scenario_id")
    def _check_one_controlling(self):
        for routemap in self.filtered(
            lambda r: r.status == "active" and r._routemap_is_controlling()
        ):
            other = self.search_count(
                [
                    ("id", "!=", routemap.id),
                    ("status", "=", "active"),
                    ("target", "=", "interest"),
                    ("interest_kind", "=", "controlling"),
                    ("scenario_id", "=", routemap.scenario_id.id),
                ]
            )
            if other:
                raise ValidationError(
                    _(
                        'Scenario "%s" already has an active controlling route map: archive it '
                        "first.",
                        routemap.scenario_id.name,
                    )
                )

    @api.constrains("target", "scenario_id")
    def _check_scenario(self):
        for routemap in self:
            if routemap.target == "interest" and not routemap.scenario_id:
                raise ValidationError(
                    _('Route map "%s" drives interests: choose their scenario.', routemap.name)
                )

    # ------------------------------------------------------------------ ORM

    @api.model
    def _routemap_free_ids(self, vals):
        """Rename the elements whose id the engine reserves ("Start", "End"...: such a start
        event never started); returns the renames (old id -> new id)."""
        if not vals.get("xml"):
            return {}
        vals["xml"], renames = bpmn.rename_reserved(vals["xml"])
        return renames

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._routemap_free_ids(vals)
        routemaps = super().create(vals_list)
        for routemap in routemaps:
            if not routemap.origin_id:
                routemap.origin_id = routemap
            routemap._routemap_sync_points()
        return routemaps

    def write(self, vals):
        if any(f not in _UNFROZEN and not f.startswith(_UNFROZEN_PREFIXES) for f in vals):
            frozen = self.filtered(lambda r: r.status != "draft")
            if translating(self.env):
                frozen = self.browse()
            if frozen:
                raise UserError(
                    _(
                        'Route map "%s" is active or archived: it cannot be changed. Make a new '
                        "version and change that one.",
                        frozen[0].display_name,
                    )
                )
        renames = self._routemap_free_ids(vals)
        previous = {routemap.id: routemap._routemap_drawn_before() for routemap in self}
        result = super().write(vals)
        if renames:  # the points keep their settings under their new ids
            for point in self.point_ids.filtered(lambda p: p.element_id in renames):
                point.element_id = renames[point.element_id]
        if "xml" in vals:
            self._routemap_sync_points(previous)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.process_ids:
            raise UserError(_("A route map with processes cannot be deleted: archive it instead."))

    @api.depends("name", "version")
    def _compute_display_name(self):
        for routemap in self:
            routemap.display_name = _(
                "%(name)s (v%(version)s)", name=routemap.name or "", version=routemap.version
            )

    # ------------------------------------------------------------------ maps

    def _routemap_process_id(self):
        self.ensure_one()
        return f"Routemap_{self.id}"

    def _routemap_is_controlling(self):
        self.ensure_one()
        return self.target == "interest" and self.interest_kind == "controlling"

    def _routemap_nested(self, seen=None):
        """Every map nested in this one, deep first, each once."""
        self.ensure_one()
        seen = seen if seen is not None else {self.id}
        result = self.browse()
        for called in self.point_ids.called_routemap_id:
            if called.id in seen:
                continue
            seen.add(called.id)
            result |= called | called._routemap_nested(seen)
        return result

    def _routemap_calls_back(self):
        """True when a nested map (at any depth) nests this map again."""
        self.ensure_one()
        todo = list(self.point_ids.called_routemap_id)
        seen = set()
        while todo:
            routemap = todo.pop()
            if routemap == self:
                return True
            if routemap.id in seen:
                continue
            seen.add(routemap.id)
            todo.extend(routemap.point_ids.called_routemap_id)
        return False

    def _routemap_problems(self):
        """Every problem of the map, translated, in plain words."""
        self.ensure_one()
        drawn = self._routemap_model()
        settings = {}
        for point in self.point_ids:
            conf = settings.setdefault(point.element_id, {})
            if point.stage_id:
                conf["state"] = "ok" if point.stage_id.scenario_id == self.scenario_id else "other"
            conf["performer"] = point._routemap_performer_problem()
            if point.kind == bpmn.NESTED:
                called = point.called_routemap_id
                if not called:
                    conf["called"] = "missing"
                elif called == self or self._routemap_calls_back():
                    conf["called"] = "recursive"
                elif called.status != "active":
                    conf["called"] = "inactive"
                else:
                    conf["called"] = "ok"
            if point.kind == bpmn.SPLIT and point.state_arrow_id:
                conf["state_arrow"] = point.state_arrow_id.element_id
            if point.kind == bpmn.END:
                conf["unsuccessful"] = point.end_result == "unsuccessful"
                conf["loss_reason"] = bool(point.lost_reason_id)
        messages = _problem_messages(self.env)
        return [
            messages[problem.code] % {"point": problem.point, "detail": problem.detail}
            for problem in validate.problems(
                drawn,
                settings,
                for_interest=self.target == "interest",
                check_expression=self._routemap_expression_ok,
            )
        ]

    def _routemap_expression_ok(self, expression):
        """A condition the map's processes can evaluate over the record they drive."""
        return not self.env["crm.routemap.arrow"]._routemap_condition_problem(
            expression, self._routemap_object_model()
        )

    @api.model
    def _bpmn_error_message(self, error):
        if error.code == "unsupported":
            return _(
                "The file uses BPMN elements route maps do not support:\n%s",
                "\n".join(f"- {item}" for item in error.items),
            )
        if error.code == "process_count":
            return _("The file must hold exactly one process (it holds %s).", error.items[0])
        if error.code == "not_xml":
            return _("The file is not XML: %s", error.items[0] if error.items else "")
        return _("The file is not a BPMN 2.0 diagram.")

    def _routemap_export(self):
        self.ensure_one()
        xml = self.xml or self._default_xml()
        texts = {a.element_id: a._routemap_condition_text() for a in self.arrow_ids}
        defaults = {a.source_id.element_id: a.element_id for a in self.arrow_ids if a.is_default}
        kinds = {
            p.element_id: p.kind for p in self.point_ids if p.kind in (bpmn.CONDITION, bpmn.CHOICE)
        }
        return bpmn.apply_settings(xml, texts, defaults, kinds)

    # ------------------------------------------------------------------ actions

    def action_activate(self):
        self._routemap_check_manager()
        for routemap in self:
            if routemap.status != "draft":
                raise UserError(_('Route map "%s" is not a draft.', routemap.display_name))
            try:
                problems = routemap._routemap_problems()
            except bpmn.BpmnError as error:
                problems = [self._bpmn_error_message(error)]
            if problems:
                raise UserError(
                    _(
                        'Route map "%(map)s" cannot be activated:\n%(problems)s',
                        map=routemap.display_name,
                        problems="\n".join(f"- {p}" for p in problems),
                    )
                )
            previous = self.search(
                [
                    ("origin_id", "=", routemap.origin_id.id),
                    ("status", "=", "active"),
                    ("id", "!=", routemap.id),
                ]
            )
            previous.write({"status": "archived"})
            routemap.status = "active"
        return True

    def action_archive_map(self):
        self._routemap_check_manager()
        callers = self.search(
            [
                ("status", "=", "active"),
                ("id", "not in", self.ids),
                ("point_ids.called_routemap_id", "in", self.ids),
            ]
        )
        if callers:
            called = callers.point_ids.called_routemap_id & self
            raise UserError(
                _(
                    'Route map "%(map)s" cannot be archived: the active map "%(caller)s" calls '
                    "it as a nested process. Archive that map first, or make a new version of "
                    "it without this call.",
                    map=called[0].display_name,
                    caller=callers[0].display_name,
                )
            )
        self.write({"status": "archived"})
        return True

    def action_new_version(self):
        """A draft copy to change; running processes stay on the version they started with."""
        self._routemap_check_manager()
        self.ensure_one()
        last = self.search([("origin_id", "=", self.origin_id.id)], order="version desc", limit=1)
        # the copy keeps the Python conditions a system administrator wrote, unchanged
        new = (
            self.sudo()
            .copy({"origin_id": self.origin_id.id, "version": last.version + 1})
            .sudo(False)
        )
        points = {p.element_id: p for p in new.point_ids}
        for arrow in new.arrow_ids:
            arrow.write(
                {
                    "source_id": points[arrow.source_id.element_id].id
                    if arrow.source_id
                    else False,
                    "target_id": points[arrow.target_id.element_id].id
                    if arrow.target_id
                    else False,
                }
            )
        arrows = {a.element_id: a for a in new.arrow_ids}
        for point in new.point_ids.filtered("state_arrow_id"):
            point.state_arrow_id = arrows.get(point.state_arrow_id.element_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_import(self):
        self._routemap_check_manager()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import a BPMN File"),
            "res_model": "crm.routemap.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_routemap_id": self.id},
        }

    def action_open_processes(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Processes of %s", self.display_name),
            "res_model": "crm.routemap.process",
            "view_mode": "list,form",
            "domain": [("routemap_id", "=", self.id)],
        }

    def _routemap_check_manager(self):
        if self.env.su:
            return
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(_("Only sales administrators change route maps."))

    @api.model
    def _routemap_demo_drive(self, routemap_id):
        """Demo data: the controlling map drives its scenario. New interests start it; the open
        interests still at the scenario's first state run it from there; the ones further on
        were started by hand before the map existed and keep their own process kind."""
        routemap = self.browse(routemap_id)
        scenario = routemap.scenario_id
        scenario.process_kind = "routemap"
        first = self.env["crm.stage"].search(
            [("scenario_id", "=", scenario.id)], order="sequence, id", limit=1
        )
        leads = self.env["crm.lead"].search(
            [("scenario_id", "=", scenario.id), ("stage_id", "=", first.id)]
        )
        # the map's own move: only a map that starts on an interest puts it under its control
        leads.with_context(
            **{interest_lead._STATE_KEY: interest_lead._SERVER}
        ).process_kind = "routemap"
        for lead in leads:
            self.env["crm.routemap.process"]._routemap_start(routemap, lead)
        return True

    @api.model
    def _routemap_configure(self, routemap_id, settings):
        """Give points their settings by element id (demo data, imports from code):
        {element: {field: value, "state_arrow": arrow element}}."""
        routemap = self.browse(routemap_id)
        points = {point.element_id: point for point in routemap.point_ids}
        arrows = {arrow.element_id: arrow for arrow in routemap.arrow_ids}
        for element, values in settings.items():
            values = dict(values)
            if "state_arrow" in values:
                values["state_arrow_id"] = arrows[values.pop("state_arrow")].id
            points[element].write(values)
        xmlid = routemap.get_external_id()[routemap.id]
        if xmlid:
            routemap._routemap_name_elements(*xmlid.split("."))
        return True

    def _routemap_name_elements(self, module, prefix):
        """External ids for the points and arrows of a map shipped as data (demo maps): their
        names, task descriptions and answers then go to the module's translations."""
        self.ensure_one()
        existing = set(
            self.env["ir.model.data"]
            .search([("module", "=", module), ("name", "=like", f"{prefix}_%")])
            .mapped("name")
        )
        values = [
            {
                "module": module,
                "name": name,
                "model": element._name,
                "res_id": element.id,
                "noupdate": True,
            }
            for kind, elements in (("point", self.point_ids), ("arrow", self.arrow_ids))
            for element in elements
            for name in [f"{prefix}_{kind}_{element.element_id}"]
            if name not in existing
        ]
        self.env["ir.model.data"].create(values)

    @api.model
    def _routemap_controlling(self, scenarios):
        """The active controlling map per scenario."""
        maps = self.search(
            Domain("status", "=", "active")
            & Domain("target", "=", "interest")
            & Domain("interest_kind", "=", "controlling")
            & Domain("scenario_id", "in", scenarios.ids)
        )
        return {routemap.scenario_id: routemap for routemap in maps}
