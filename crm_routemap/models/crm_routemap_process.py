import logging

from psycopg2 import errors as pg_errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from ..pure import conditions, engine

_logger = logging.getLogger(__name__)

# how long a completion waits for another one of the same process before it gives up
LOCK_TIMEOUT = "15s"


class CrmRoutemapProcess(models.Model):
    _name = "crm.routemap.process"
    _description = "Route Map Process"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    routemap_id = fields.Many2one(
        "crm.routemap", string="Route Map", required=True, readonly=True, index=True
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Interest", readonly=True, index="btree_not_null", ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("terminated", "Terminated")],
        default="running",
        required=True,
        readonly=True,
        tracking=True,
    )
    is_controlling = fields.Boolean(readonly=True)
    engine_state = fields.Text(readonly=True, copy=False, groups="base.group_system")
    # the points the process stands at, kept beside its engine state (one row written a step)
    current_point_refs = fields.Char(readonly=True, copy=False)
    current_point_ids = fields.Many2many(
        "crm.routemap.point",
        string="Current Points",
        compute="_compute_current_point_ids",
        search="_search_current_point_ids",
    )
    current_elements = fields.Char(
        compute="_compute_current_elements", help="BPMN ids of the current points."
    )
    diagram = fields.Text(related="routemap_id.xml", string="Map")
    task_ids = fields.One2many("crm.routemap.task", "process_id", string="Tasks")
    open_task_ids = fields.One2many(
        "crm.routemap.task", "process_id", domain=[("state", "=", "open")], string="Open Tasks"
    )
    end_point_id = fields.Many2one("crm.routemap.point", string="Ended At", readonly=True)
    date_end = fields.Datetime(string="Ended On", readonly=True)
    allow_termination = fields.Boolean(related="routemap_id.allow_termination")

    @api.depends("routemap_id", "lead_id")
    def _compute_name(self):
        for process in self:
            process.name = (
                f"{process.routemap_id.name}: {process.lead_id.name}"
                if process.lead_id
                else process.routemap_id.name
            )

    @api.depends("current_point_refs")
    def _compute_current_point_ids(self):
        for process in self:
            refs = (process.current_point_refs or "").split(",")
            process.current_point_ids = [int(ref) for ref in refs if ref]

    def _search_current_point_ids(self, operator, value):
        """The processes standing at these points (or at the points a domain finds)."""
        if operator not in ("in", "any"):
            return NotImplemented
        Point = self.env["crm.routemap.point"]
        ids = Point.search(value).ids if operator == "any" else [v for v in value if v]
        self.flush_model(["current_point_refs"])  # read by the query below
        return [
            (
                "id",
                "in",
                SQL(
                    "SELECT id FROM crm_routemap_process"
                    " WHERE string_to_array(current_point_refs, ',')::int[] && %s::int[]",
                    ids,
                ),
            )
        ]

    @api.depends("current_point_ids")
    def _compute_current_elements(self):
        for process in self:
            process.current_elements = ",".join(
                process.current_point_ids.filtered(
                    lambda p, r=process.routemap_id: p.routemap_id == r
                ).mapped("element_id")
            )

    # ------------------------------------------------------------------ engine

    def _routemap_object(self):
        """The record the map drives: its conditions read it (the interest, or the process)."""
        return self.lead_id or self

    def _routemap_evaluator(self):
        """Conditions read the object with the rights of the user whose action reaches them
        (never the superuser's): a domain through `filtered_domain`, a system administrator's
        Python expression through Odoo's safe_eval, never Python's eval."""
        record = self._routemap_object().sudo(False)
        Arrow = self.env["crm.routemap.arrow"]

        def evaluate(expression, names):
            if conditions.is_domain(expression):
                try:
                    return bool(record.filtered_domain(Arrow._routemap_domain(expression)))
                except AccessError as error:
                    raise UserError(
                        _(
                            "The route map's condition reads %(record)s, which you may not "
                            "read: ask its responsible or a manager to complete this task.",
                            record=record.sudo().display_name,
                        )
                    ) from error
            context = {
                key: value
                for key, value in names.items()
                if isinstance(value, (str, int, float, bool, type(None)))
            }
            context.update(
                {
                    "object": record,
                    "record": record,
                    "datetime": safe_datetime,
                    "user": record.env.user,
                }
            )
            return safe_eval(expression, context)

        return evaluate

    def _routemap_spec(self):
        """The map version's compiled spec, kept with its tables (once per frozen version)."""
        return self.routemap_id.sudo()._routemap_tables()["spec"]

    def _routemap_run(self):
        self.ensure_one()
        return engine.Run.load(
            self.sudo().engine_state, self._routemap_evaluator(), self._routemap_spec()
        )

    @api.model
    def _routemap_start(self, routemap, lead=None):
        """Start a process of `routemap` (active) on `lead` (or independent)."""
        if routemap.status != "active":
            raise UserError(_('Route map "%s" is not active.', routemap.display_name))
        process = self.sudo().create(
            {
                "routemap_id": routemap.id,
                "lead_id": lead.id if lead else False,
                "user_id": (lead.user_id if lead else self.env.user).id,
                "company_id": (lead.company_id if lead else self.env.company).id
                or self.env.company.id,
                "is_controlling": routemap._routemap_is_controlling(),
            }
        )
        try:
            run = engine.Run.start(process._routemap_spec(), process._routemap_evaluator())
        except Exception as error:
            raise UserError(process._routemap_error_message(error)) from error
        process._routemap_apply(run, [pid for _t, pid, _p in run.ready()])
        return process

    def _routemap_error_message(self, error):
        return _(
            'Route map "%(map)s" cannot go on: %(error)s',
            map=self.routemap_id.display_name,
            error=str(error),
        )

    def _routemap_lock(self):
        """Lock the process row: one advance at a time. A second completion waits for the
        first one's transaction; the row it then finds changed is a serialization failure,
        which Odoo's request retries (`odoo.service.model.retrying`) on fresh data: a different
        task then goes on, the same task is told it was completed. Only a lock held longer
        than LOCK_TIMEOUT is refused in words."""
        self._routemap_lock_rows(
            SQL("SELECT id FROM crm_routemap_process WHERE id IN %s FOR UPDATE", tuple(self.ids))
        )
        self.invalidate_recordset()
        self.task_ids.invalidate_recordset()

    @api.model
    def _routemap_lock_rows(self, query):
        """Run the locking `query` with LOCK_TIMEOUT, in one round trip (the timeout holds for
        the rest of the transaction: a completion never waits longer on any row)."""
        try:
            self.env.cr.execute(
                SQL("SET LOCAL lock_timeout = %s; %s", LOCK_TIMEOUT, query), log_exceptions=False
            )
        except pg_errors.LockNotAvailable as error:
            raise UserError(
                _(
                    "Someone else is completing a task of this process right now. "
                    "Reload the page and try again."
                )
            ) from error

    def _routemap_points(self, refs):
        """Point records (or None) for [(point element id, process id)]."""
        points = self.routemap_id._routemap_tables()["points"]
        Point = self.env["crm.routemap.point"]
        return [
            Point.browse(points[(process_id, element)]) if (process_id, element) in points else None
            for element, process_id in refs
        ]

    def _routemap_apply(self, run, reached):
        """Write what the engine did: state, tasks, current points, the interest's state."""
        self.ensure_one()
        Task = self.env["crm.routemap.task"].sudo()
        ready = run.ready()
        ready_ids = {tid for tid, _p, _w in ready}
        open_tasks = self.sudo().task_ids.filtered(lambda t: t.state == "open")
        open_tasks.filtered(lambda t: t.engine_task not in ready_ids)._routemap_close("cancelled")
        known = set(open_tasks.mapped("engine_task"))
        points = self._routemap_points([(pid, proc) for _t, pid, proc in ready])
        new_values = []
        for (tid, _pid, _proc), point in zip(ready, points, strict=True):
            if tid in known or not point:
                continue
            new_values.append({"process_id": self.id, "point_id": point.id, "engine_task": tid})
        if new_values:
            Task.create(new_values)
        current = self._routemap_points(
            [(pid, self.routemap_id._routemap_process_id()) for pid in run.current_points()]
        )
        current += [point for point in points if point]
        values = {"engine_state": run.dump()}
        refs = ",".join(str(ref) for ref in sorted({p.id for p in current if p}))
        if refs != (self.current_point_refs or ""):
            values["current_point_refs"] = refs
        self.sudo().write(values)
        if self.lead_id and self.is_controlling:
            self._routemap_move_interest(reached)
        if run.is_done():
            self._routemap_finish(run.end_point())

    def _routemap_move_interest(self, reached):
        """Reached points change the interest's state, except on the silent branches."""
        tables = self.routemap_id._routemap_tables()
        stage = self.env["crm.stage"]
        for element in reached:
            if element not in tables["silent"] and element in tables["stages"]:
                stage = stage.browse(tables["stages"][element])
        lead = self.lead_id.sudo()
        if stage and lead.stage_id != stage and lead.process_kind == "routemap":
            lead._interest_set_state(stage)

    def _routemap_finish(self, end_element):
        self.ensure_one()
        end = self._routemap_points([(end_element, self.routemap_id._routemap_process_id())])[0]
        end = end or self.env["crm.routemap.point"]
        self.sudo().write(
            {
                "state": "done",
                "end_point_id": end.id,
                "date_end": fields.Datetime.now(),
                "current_point_refs": str(end.id) if end else False,
            }
        )
        lead = self.lead_id.sudo()
        if not (lead and self.is_controlling and end and lead.process_kind == "routemap"):
            return
        if end.stage_id and lead.stage_id != end.stage_id:
            lead._interest_set_state(end.stage_id)
        if end.end_result == "unsuccessful":
            lead.action_set_lost(lost_reason_id=end.lost_reason_id.id)
        elif not lead.stage_id.is_won:
            lead._routemap_set_won()

    def _routemap_terminate(self, lost_reason=None, lose=True):
        """End the process now: its tasks are cancelled; with `lose`, the interest goes to the
        map's termination state and is lost for `lost_reason`."""
        for process in self.filtered(lambda p: p.state == "running"):
            process._routemap_lock()
            if process.state != "running":
                continue
            run = process._routemap_run()
            run.terminate()
            process.sudo().task_ids.filtered(lambda t: t.state == "open")._routemap_close(
                "cancelled"
            )
            process.sudo().write(
                {
                    "state": "terminated",
                    "engine_state": run.dump(),
                    "current_point_refs": False,
                    "date_end": fields.Datetime.now(),
                }
            )
            lead = process.lead_id.sudo()
            if lose and lead and process.is_controlling:
                termination = process.routemap_id.termination_stage_id
                if termination and lead.stage_id != termination:
                    lead._interest_set_state(termination)
                lead.action_set_lost(lost_reason_id=lost_reason.id if lost_reason else False)

    # ------------------------------------------------------------------ actions

    def action_terminate(self):
        self.ensure_one()
        if self.state != "running":
            raise UserError(_("This process is not running."))
        if not self.routemap_id.allow_termination:
            raise UserError(
                _('Route map "%s" does not allow early termination.', self.routemap_id.name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Terminate the Process"),
            "res_model": "crm.routemap.process.terminate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_process_id": self.id},
        }
