from odoo import _, api, fields, models
from odoo.addons.crm_interest.pure import process as interest_process
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    routemap_labels = fields.Json(compute="_compute_routemap_screen", string="Diagram Labels")
    routemap_next_task = fields.Char(
        compute="_compute_routemap_screen",
        string="Next Route-map Task",
        help="The open tasks of the route map that drives the interest, with their performers.",
    )
    routemap_lock_message = fields.Char(
        compute="_compute_routemap_screen",
        string="Why the State Is Locked",
        help="Why the user cannot move the interest's state himself, and what moves it.",
    )
    routemap_can_terminate = fields.Boolean(
        compute="_compute_routemap_screen", string="Route Map Can Be Terminated"
    )

    @api.depends(
        "process_kind",
        "routemap_process_ids.state",
        "routemap_task_ids.user_id",
        "routemap_task_ids.point_id.name",
    )
    @api.depends_context("lang")
    def _compute_routemap_screen(self):
        for lead in self:
            process = lead._routemap_controlling_process()
            running = process.filtered(lambda p: p.state == "running")
            lead.routemap_labels = process.routemap_id._routemap_labels() if process else {}
            lead.routemap_next_task = lead._routemap_next_tasks_text(running) or False
            lead.routemap_can_terminate = bool(running.routemap_id.allow_termination)
            lead.routemap_lock_message = (
                lead.process_kind == interest_process.ROUTEMAP
                and lead._interest_refusal_message(interest_process.CONTROLLED, None, None)
            )

    def _routemap_controlling_process(self):
        """The latest process of the map that drives the interest (as superuser: what the
        screen says about it, not what the user may open)."""
        self.ensure_one()
        return (
            self.sudo()
            .routemap_process_ids.filtered("is_controlling")
            .sorted("id", reverse=True)[:1]
        )

    def _interest_refusal_message(self, reason, stage, scenario):
        """A state move refused on a map-driven interest says which map drives it and which
        task comes next."""
        process = self._routemap_controlling_process() if self else self.browse()
        if reason != interest_process.CONTROLLED or process.state != "running":
            return super()._interest_refusal_message(reason, stage, scenario)
        tasks = self._routemap_next_tasks_text(process)
        if not tasks:
            return self.env._(
                'Interest "%(interest)s" is controlled by a route map ("%(map)s"): its state '
                "changes only when the map moves on.",
                interest=self.name,
                map=process.routemap_id.name,
            )
        return self.env._(
            'Interest "%(interest)s" is controlled by a route map ("%(map)s"): its state '
            "changes only when the map's tasks are done. Next task: %(tasks)s.",
            interest=self.name,
            map=process.routemap_id.name,
            tasks=tasks,
        )

    def _routemap_next_tasks_text(self, process):
        """The open tasks of `process` as the user reads them: "name" (performer), ..."""
        texts = []
        for task in process.sudo().open_task_ids.sorted("id"):
            if task.user_id:
                texts.append(
                    self.env._('"%(task)s" (%(user)s)', task=task.name, user=task.user_id.name)
                )
            else:
                texts.append(self.env._('"%s" (no performer yet)', task.name))
        return ", ".join(texts)

    def action_routemap_terminate(self):
        """End the route map that drives the interest (the map allows it): the process's
        own wizard asks for the reason."""
        self.ensure_one()
        self.check_access("write")
        process = self._routemap_controlling_process()
        if process.state != "running":
            raise UserError(_('No route map drives interest "%s" now.', self.name))
        return process.sudo(False).action_terminate()
