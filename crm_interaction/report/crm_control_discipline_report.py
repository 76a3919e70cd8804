from odoo import fields, models, tools
from odoo.tools import SQL


def discipline_measures(discipline):
    """The per-task measures of the report, from the SQL expression of its discipline: summed
    per performer they give the tasks done, done on time, done late and overdue now; averaged,
    `on_time_share` is the share of the done tasks that were done on time (open tasks are
    left out: NULL)."""
    return {
        "done_count": SQL("CASE WHEN %s IN ('on_time', 'late') THEN 1 ELSE 0 END", discipline),
        "on_time_count": SQL("CASE WHEN %s = 'on_time' THEN 1 ELSE 0 END", discipline),
        "late_count": SQL("CASE WHEN %s = 'late' THEN 1 ELSE 0 END", discipline),
        "overdue_count": SQL("CASE WHEN %s = 'overdue' THEN 1 ELSE 0 END", discipline),
        "on_time_share": SQL(
            "CASE %s WHEN 'on_time' THEN 100.0 WHEN 'late' THEN 0.0 END", discipline
        ),
    }


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
    task_count = fields.Integer("Tasks Assigned", readonly=True, aggregator="sum")
    done_count = fields.Integer("Done", readonly=True, aggregator="sum")
    on_time_count = fields.Integer("Done on Time", readonly=True, aggregator="sum")
    late_count = fields.Integer("Done Late", readonly=True, aggregator="sum")
    overdue_count = fields.Integer("Overdue Now", readonly=True, aggregator="sum")
    on_time_share = fields.Float(
        "Share Done on Time, %",
        readonly=True,
        aggregator="avg",
        help="Of the tasks done, the share done by their due date (tasks not done yet are left "
        "out).",
    )
    progress = fields.Float("Done, %", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        discipline = SQL("""CASE
                               WHEN task.date_done IS NOT NULL
                                    AND task.date_done <= task.date_deadline THEN 'on_time'
                               WHEN task.date_done IS NOT NULL THEN 'late'
                               WHEN task.date_deadline < CURRENT_DATE THEN 'overdue'
                               ELSE 'open'
                           END""")
        measures = SQL(", ").join(
            SQL("%s AS %s", expression, SQL.identifier(name))
            for name, expression in discipline_measures(discipline).items()
        )
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
                           %s AS discipline,
                           %s
                      FROM crm_control_task task
                )
                """,
                SQL.identifier(self._table),
                discipline,
                measures,
            )
        )
