from odoo import _, api, fields, models
from odoo.fields import Domain


class CrmControlTask(models.Model):
    _name = "crm.control.task"
    _description = "Control Task"
    _inherit = ["crm.control.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id desc"

    # computed at read, in the reader's language (a stored name would keep the language of
    # whoever created the task)
    name = fields.Char(compute="_compute_name", search="_search_name")
    user_id = fields.Many2one(
        "res.users",
        string="Performer",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_deadline = fields.Date("Due Date", required=True, tracking=True)
    control_date = fields.Date(
        tracking=True, help="The day the manager checks the result of the task."
    )
    line_ids = fields.One2many("crm.control.task.line", "task_id", string="Clients")
    line_count = fields.Integer("To Check", compute="_compute_progress", store=True)
    done_count = fields.Integer("Fixed", compute="_compute_progress", store=True)
    progress = fields.Float("Done, %", compute="_compute_progress", store=True, aggregator="avg")
    state = fields.Selection(
        [("open", "In Progress"), ("done", "Done")],
        compute="_compute_progress",
        store=True,
        tracking=True,
    )
    date_done = fields.Date(compute="_compute_date_done", store=True, copy=False)

    @api.depends("line_ids.done")
    def _compute_progress(self):
        for task in self:
            total = len(task.line_ids)
            done = len(task.line_ids.filtered("done"))
            task.line_count, task.done_count = total, done
            task.progress = round(100.0 * done / total) if total else 100.0
            task.state = "done" if done == total else "open"

    @api.depends("state")
    def _compute_date_done(self):
        for task in self:
            if task.state != "done":
                task.date_done = False
            elif not task.date_done:
                task.date_done = fields.Date.context_today(task)

    @api.depends_context("lang")
    @api.depends("control", "progress")
    def _compute_name(self):
        labels = dict(self._fields["control"]._description_selection(self.env))
        for task in self:
            task.name = _(
                "%(control)s: done %(progress)s%%",
                control=labels.get(task.control, ""),
                progress=int(task.progress),
            )

    def _search_name(self, operator, value):
        if operator not in ("ilike", "=ilike", "=", "like") or not isinstance(value, str):
            return NotImplemented
        labels = self._fields["control"]._description_selection(self.env)
        needle = value.casefold()
        return [("control", "in", [key for key, label in labels if needle in label.casefold()])]

    @api.depends("user_id")
    def _compute_team_id(self):
        for task in self:
            task.team_id = task.user_id.sale_team_id or task.team_id

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        for task in tasks:
            task.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=task.date_deadline,
                summary=task.with_context(lang=task.user_id.lang or self.env.lang).name,
                note=_("Fill in the missing data of the clients listed in the task."),
                user_id=task.user_id.id,
            )
        tasks.filtered(lambda t: t.state == "done")._close_activities()
        return tasks

    def _close_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        if activities:
            activities.action_feedback(feedback=_("All the clients of the task are fixed."))

    def action_refresh(self):
        """Check every row again against the clients' current data."""
        self.line_ids._refresh()

    def action_open_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "crm.control.task.line",
            "view_mode": "list",
            "domain": [("task_id", "=", self.id)],
        }

    def _missing_among(self, lines):
        """The lines of this task whose client (or interaction) still lacks the data:
        one search for all of them."""
        self.ensure_one()
        model = self._control_model()
        field = "interaction_id" if model == "crm.interaction" else "partner_id"
        targets = lines[field]
        missing = (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search(self._control_missing_domain() & Domain("id", "in", targets.ids))
        )
        return lines.filtered(lambda line: line[field] in missing)
