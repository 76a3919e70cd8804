from odoo import _, api, fields, models
from odoo.addons.crm_client_access.models.res_users import VIEWER_FIELDS
from odoo.fields import Domain

# a route-map task is sales work: the deputy for clients, interests and tasks takes it
# (crm_client_access_routemap_claim: a claim's task is a claim's work)
WORK_KIND = "sales"


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

    crm_access_viewer_ids = fields.Many2many(
        "res.users",
        string="Who Sees the Task",
        compute="_compute_crm_access_viewer_ids",
        search="_search_crm_access_viewer_ids",
        help="The users whose view reaches the performer for this kind of work (an interest's "
        "task by the sales view, a claim's by the claims view), his deputy for that kind "
        "included while he is absent.",
    )

    @api.model
    def _crm_access_process_kind(self, process):
        """The kind of work of the tasks of ``process``, for the deputies and the reach."""
        return WORK_KIND

    @api.model
    def _crm_access_kind_domains(self):
        """{kind: domain of the tasks of that kind}: every kind the tasks may be of."""
        return {WORK_KIND: Domain.TRUE}

    @api.depends_context("company", "uid")
    def _compute_crm_access_viewer_ids(self):
        for task in self:
            kind = self._crm_access_process_kind(task.sudo().process_id)
            task.crm_access_viewer_ids = task.user_id[VIEWER_FIELDS[kind]]

    def _search_crm_access_viewer_ids(self, operator, value):
        if operator not in ("in", "any"):
            return NotImplemented
        return Domain.OR(
            tasks & Domain(f"user_id.{VIEWER_FIELDS[kind]}", operator, value)
            for kind, tasks in self._crm_access_kind_domains().items()
        )

    @api.model_create_multi
    def create(self, vals_list):
        """A new task for an absent performer goes to his deputy (logged, and said in the
        process's chatter)."""
        Absence = self.env["crm.access.absence"]
        Process = self.env["crm.routemap.process"]
        Point = self.env["crm.routemap.point"]
        for vals in vals_list:
            if "user_id" not in vals:  # the point's rule, decided once, as crm_routemap does
                process = Process.browse(vals["process_id"])
                record = process._routemap_object()  # the interest, the claim...
                if record == process:
                    record = False
                vals["user_id"] = Point.browse(vals["point_id"])._routemap_performer(record).id
        redirected = Absence._redirect_new_work(
            vals_list,
            lambda vals: self._crm_access_process_kind(Process.sudo().browse(vals["process_id"])),
        )
        tasks = super().create(vals_list)
        Absence._log_redirected(vals_list, tasks, redirected)
        for vals, task in zip(vals_list, tasks, strict=True):
            if id(vals) in redirected:
                absent, deputy, _kind = redirected[id(vals)]
                task.process_id.sudo().message_post(
                    body=_(
                        'Task "%(task)s" of %(absent)s, who is absent, goes to his deputy '
                        "%(deputy)s.",
                        task=task.name,
                        absent=absent.name,
                        deputy=deputy.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return tasks

    def _routemap_check_performer(self):
        """The performer's deputy for the task's kind of work completes, re-assigns and runs
        his tasks while he is absent (the completion is under the deputy's name); after the
        absence he no longer does."""
        Absence = self.env["crm.access.absence"]
        deputised = self.browse()
        for kind in {self._crm_access_process_kind(task.sudo().process_id) for task in self}:
            tasks = self.filtered(
                lambda task, kind=kind: (
                    self._crm_access_process_kind(task.sudo().process_id) == kind
                )
            )
            lines = Absence._current_lines(tasks.user_id, kind)
            absent = lines.filtered(lambda line: line.deputy_id == self.env.user)
            deputised |= tasks.filtered(
                lambda task, absent=absent: task.user_id in absent.absence_id.user_id
            )
        return super(CrmRoutemapTask, self - deputised)._routemap_check_performer()

    def _crm_access_hand_over(self, user):
        """Hand the open tasks to ``user`` (the hand-over wizard, a sales administrator's):
        the performer and his mirrored activity change together, as the engine changes
        them (the wizard checked its caller is a sales administrator; he reads the tasks)."""
        self.check_access("read")
        open_tasks = self.filtered(lambda t: t.state == "open").sudo()
        open_tasks.user_id = user
        open_tasks._routemap_sync_activity()
