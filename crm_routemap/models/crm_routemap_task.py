from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..pure import bpmn, engine


class CrmRoutemapTask(models.Model):
    _name = "crm.routemap.task"
    _description = "Route Map Task"
    _order = "state desc, date_deadline, id"
    _check_company_auto = True

    name = fields.Char(related="point_id.name", string="Task")
    process_id = fields.Many2one(
        "crm.routemap.process",
        string="Process",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    routemap_id = fields.Many2one(related="process_id.routemap_id", string="Route Map")
    lead_id = fields.Many2one(
        related="process_id.lead_id", store=True, string="Interest", index="btree_not_null"
    )
    company_id = fields.Many2one(related="process_id.company_id", store=True, index=True)
    point_id = fields.Many2one("crm.routemap.point", string="Point", required=True, readonly=True)
    kind = fields.Selection(related="point_id.kind")
    description = fields.Text(related="point_id.description")
    ask_result_text = fields.Boolean(related="point_id.ask_result_text")
    action_id = fields.Many2one(related="point_id.action_id")
    action_name = fields.Char(related="point_id.action_id.name", string="Action Name")
    user_id = fields.Many2one("res.users", string="Performer", readonly=True, index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    engine_task = fields.Char(readonly=True, copy=False, index=True)
    date_deadline = fields.Datetime(string="Deadline", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    state = fields.Selection(
        [("open", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        index=True,
    )
    answer_id = fields.Many2one("crm.routemap.arrow", string="Answer", readonly=True)
    result_text = fields.Text(readonly=True)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    activity_id = fields.Many2one("mail.activity", readonly=True, index="btree_not_null")
    diagram = fields.Text(related="process_id.diagram", string="Map")
    current_elements = fields.Char(related="process_id.current_elements")

    @api.depends("date_deadline", "date_done", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for task in self:
            end = task.date_done or now
            task.is_overdue = bool(task.date_deadline and end > task.date_deadline)

    @api.model_create_multi
    def create(self, vals_list):
        # performer, team and deadline decided before the row is written: one INSERT a task
        now = fields.Datetime.now()
        Process, Point = self.env["crm.routemap.process"], self.env["crm.routemap.point"]
        for vals in vals_list:
            process = Process.browse(vals["process_id"])
            point = Point.browse(vals["point_id"])
            record = process.lead_id
            vals.setdefault("user_id", point._routemap_performer(record).id)
            vals.setdefault("team_id", record.team_id.id if record else False)
            vals.setdefault("date_deadline", point._routemap_deadline(now, process.company_id))
        tasks = super().create(vals_list)
        tasks._routemap_sync_activity()
        return tasks

    # ------------------------------------------------------------------ activities

    def _routemap_target(self):
        """The record whose activities show this task (the interest, or the process)."""
        return self.lead_id or self.process_id

    def _routemap_sync_activity(self):
        """Each open task sits in its performer's activities on its target."""
        activity_type = self.env["mail.activity.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "crm_routemap.mail_activity_type_routemap_task"
            )
        )
        Activity = self.env["mail.activity"].sudo()
        for task in self:
            target = task._routemap_target()
            # the activity reads in its performer's language, whoever's action created it
            point = task.point_id.with_context(lang=task.user_id.lang or self.env.lang)
            values = {
                "user_id": task.user_id.id,
                "date_deadline": fields.Date.to_date(
                    fields.Datetime.context_timestamp(task, task.date_deadline)
                )
                if task.date_deadline
                else fields.Date.context_today(task),
                "summary": point.name,
                "note": point.description or "",
            }
            if task.activity_id:
                task.activity_id.sudo().with_context(routemap_engine=True).write(values)
            else:
                task.sudo().activity_id = Activity.with_context(routemap_engine=True).create(
                    {
                        **values,
                        "activity_type_id": activity_type.id,
                        "res_model_id": self.env["ir.model"]._get_id(target._name),
                        "res_id": target.id,
                        "res_name": target.sudo().display_name,
                        "routemap_task_id": task.id,
                    }
                )

    def _routemap_hand_over(self, leaving):
        """The open tasks of users who leave go to their point's rule applied again without
        them (else the responsible's team leader, else the user archiving them); the
        process's chatter says so."""
        for task in self.sudo().filtered(lambda t: t.state == "open"):
            previous = task.user_id
            record = task.process_id._routemap_object()  # the interest, the claim...
            if record == task.process_id:
                record = False
            new = task.point_id._routemap_performer(record, exclude=leaving)
            task.user_id = new
            task._routemap_sync_activity()
            task.process_id.message_post(
                body=_(
                    'Task "%(task)s" of %(old)s, who no longer works here, now goes to %(new)s.',
                    task=task.name,
                    old=previous.name,
                    new=new.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _routemap_close(self, state, answer=None, text=None, activity=True):
        """Close the tasks; their activities are marked done (cancelled ones deleted) unless
        `activity` is False (the completion marks its own after the process moved on)."""
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "state": state,
                "date_done": now,
                "done_user_id": self.env.user.id,
                "answer_id": answer.id if answer else False,
                "result_text": text or False,
            }
        )
        if not activity:
            return
        for task in self.filtered("activity_id"):
            mirrored = task.activity_id.sudo().with_context(routemap_engine=True)
            if state == "done":
                mirrored.action_feedback(feedback=task._routemap_feedback())
            else:
                mirrored.unlink()

    def _routemap_feedback(self):
        return self.result_text or self.answer_id.name or False

    def _routemap_done_activity(self, moved):
        """Mark the completed task's activity done. When the completion moved the interest
        to another state, the task's line joins that state change's message (one message,
        as a user reads it: the state changed because the task was done; the state change
        recorded the client work), else (no move, tracking off, files on the activity) Odoo's
        own "activity done" message is posted."""
        activity = self.activity_id.sudo().with_context(routemap_engine=True)
        if not activity:
            return
        tracked = not (
            self.env.context.get("tracking_disable") or self.env.context.get("mail_notrack")
        )
        if not (moved and tracked) or activity._routemap_has_files():
            activity.action_feedback(feedback=self._routemap_feedback())
            return
        lead = self.lead_id.sudo()
        feedback = self._routemap_feedback()
        lead._track_set_log_message(
            Markup("<p>%s</p>")
            % (
                _("%(type)s done: %(task)s (%(result)s)")
                if feedback
                else _("%(type)s done: %(task)s")
            )
            % {
                "type": activity.activity_type_id.name,
                "task": activity.summary,
                "result": feedback,
            }
        )
        activity.write({"active": False, "feedback": feedback})

    # ------------------------------------------------------------------ completing

    def _routemap_check_performer(self):
        manager = self.env.user.has_group("sales_team.group_sale_salesman_all_leads")
        for task in self:
            if task.user_id != self.env.user and not manager:
                raise AccessError(
                    _(
                        'Task "%(task)s" is assigned to %(user)s: only they or a manager can '
                        "complete or re-assign it.",
                        task=task.name,
                        user=task.user_id.name,
                    )
                )

    def _routemap_lock_process(self):
        """Lock the tasks' processes (`crm.routemap.process._routemap_lock`) before anything of
        them is read, then read them fresh: one statement for the lock and the task's row."""
        self.env["crm.routemap.process"]._routemap_lock_rows(
            SQL(
                "SELECT p.id FROM crm_routemap_process p JOIN crm_routemap_task t"
                " ON t.process_id = p.id WHERE t.id IN %s FOR UPDATE OF p",
                tuple(self.ids),
            )
        )
        self.env["crm.routemap.process"].invalidate_model()
        self.invalidate_model()

    def action_complete(self, answer_id=None, result_text=None):
        """Complete the task with a result: the process moves on (one advance at a time)."""
        self.ensure_one()
        self._routemap_lock_process()
        self.check_access("read")
        self._routemap_check_performer()
        process = self.process_id.sudo()
        if self.state != "open":
            raise UserError(
                _(
                    'Task "%(task)s" was already completed by %(user)s.',
                    task=self.name,
                    user=self.done_user_id.name or _("someone else"),
                )
            )
        answer = self.env["crm.routemap.arrow"].browse(answer_id) if answer_id else None
        if self.kind == bpmn.CHOICE:
            answers = self.point_id.outgoing_ids
            if not answer or answer not in answers:
                raise UserError(
                    _(
                        'Choose an answer for "%(task)s": %(answers)s.',
                        task=self.name,
                        answers=", ".join(answers.mapped("name")),
                    )
                )
        if self.ask_result_text and not (result_text or "").strip():
            raise UserError(_('Task "%s" asks for a result text: describe the result.', self.name))
        run = process._routemap_run()
        try:
            reached = run.complete(self.engine_task, answer=answer.element_id if answer else None)
        except KeyError as error:
            raise UserError(_('Task "%s" is no longer waiting.', self.name)) from error
        except engine.ScriptRefused as error:
            raise UserError(process._routemap_error_message(error)) from error
        except Exception as error:  # Spiff's errors while evaluating a condition
            if type(error).__module__.startswith("SpiffWorkflow"):
                raise UserError(process._routemap_error_message(error)) from error
            raise
        self._routemap_close(
            "done", answer=answer, text=(result_text or "").strip(), activity=False
        )
        lead = self.lead_id.sudo()
        state = lead.stage_id
        process._routemap_apply(run, reached)
        self._routemap_done_activity(moved=bool(lead) and lead.stage_id != state)
        return True

    def action_open_complete(self):
        self.ensure_one()
        self._routemap_check_performer()
        return {
            "type": "ir.actions.act_window",
            "name": _("Complete: %s", self.name),
            "res_model": "crm.routemap.task.complete",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_id": self.id},
        }

    def action_reassign(self, user_id):
        """Give the task to another user."""
        self.ensure_one()
        self._routemap_check_performer()
        if self.state != "open":
            raise UserError(_('Task "%s" is not open.', self.name))
        user = self.env["res.users"].browse(user_id).exists()
        if not user or user.share:
            raise UserError(_("Choose an internal user to give the task to."))
        self.sudo().user_id = user
        self.sudo()._routemap_sync_activity()
        return True

    def action_run_point_action(self):
        """The point's Odoo action, on the interest (e.g. create the customer order)."""
        self.ensure_one()
        self._routemap_check_performer()
        if not self.action_id:
            raise UserError(_('Task "%s" has no action to run.', self.name))
        action_record = self.env[self.action_id.sudo().type].browse(self.action_id.id)
        if action_record._name == "ir.actions.server":
            return action_record.with_context(
                active_id=self.lead_id.id, active_ids=self.lead_id.ids, active_model="crm.lead"
            ).run()
        action = action_record.sudo()._get_action_dict()
        context = dict(
            self.env.context,
            active_id=self.lead_id.id,
            active_ids=self.lead_id.ids,
            active_model="crm.lead",
        )
        action["context"] = context
        return action
