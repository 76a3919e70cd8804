from odoo import _, api, models

# a route-map task is sales work: the deputy for clients, interests and tasks takes it
WORK_KIND = "sales"


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

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
        redirected = Absence._redirect_new_work(vals_list, lambda vals: WORK_KIND)
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
        """The performer's deputy completes, re-assigns and runs his tasks while he is
        absent (the completion is under the deputy's name); after the absence he no longer
        does."""
        lines = self.env["crm.access.absence"]._current_lines(self.user_id, WORK_KIND)
        absent = lines.filtered(lambda line: line.deputy_id == self.env.user).absence_id.user_id
        deputised = self.filtered(lambda task: task.user_id in absent)
        return super(CrmRoutemapTask, self - deputised)._routemap_check_performer()

    def _crm_access_hand_over(self, user):
        """Hand the open tasks to ``user`` (the hand-over wizard, a sales administrator's):
        the performer and his mirrored activity change together, as the engine changes
        them (the wizard checked its caller is a sales administrator; he reads the tasks)."""
        self.check_access("read")
        open_tasks = self.filtered(lambda t: t.state == "open").sudo()
        open_tasks.user_id = user
        open_tasks._routemap_sync_activity()
