from odoo import fields, models, tools
from odoo.tools import SQL


class CrmControlDisciplineReport(models.Model):
    """Справка об исполнительской дисциплине: control tasks per performer by punctuality."""

    _name = "crm.control.discipline.report"
    _description = "Executive Discipline Report"
    _auto = False
    _order = "user_id"

    task_id = fields.Many2one("crm.control.task", string="Task", readonly=True)
    user_id = fields.Many2one("res.users", string="Performer", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_deadline = fields.Date("Due Date", readonly=True)
    date_done = fields.Date(readonly=True)
    discipline = fields.Selection(
        [
            ("on_time", "Done on Time"),
            ("late", "Done Late"),
            ("overdue", "Overdue"),
            ("open", "In Progress"),
        ],
        readonly=True,
    )
    task_count = fields.Integer("Tasks", readonly=True, aggregator="sum")
    progress = fields.Float("Done, %", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT task.id AS id,
                           task.id AS task_id,
                           task.user_id,
                           task.team_id,
                           task.company_id,
                           task.date_deadline,
                           task.date_done,
                           task.progress,
                           1 AS task_count,
                           CASE
                               WHEN task.date_done IS NOT NULL
                                    AND task.date_done <= task.date_deadline THEN 'on_time'
                               WHEN task.date_done IS NOT NULL THEN 'late'
                               WHEN task.date_deadline < CURRENT_DATE THEN 'overdue'
                               ELSE 'open'
                           END AS discipline
                      FROM crm_control_task task
                )
                """,
                SQL.identifier(self._table),
            )
        )
