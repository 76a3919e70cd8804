from odoo import fields, models
from odoo.addons.crm_interaction.report.crm_control_discipline_report import discipline_measures
from odoo.tools import SQL


class CrmControlDisciplineReport(models.Model):
    """Route-map tasks count in the executive discipline report beside the control tasks.

    The report's own view (crm_interaction) is kept whole as `<view>_control`; the report
    becomes its rows (ids doubled) and the route-map tasks' rows (odd ids): they never collide.
    """

    _inherit = "crm.control.discipline.report"

    routemap_task_id = fields.Many2one("crm.routemap.task", string="Route-map Task", readonly=True)

    def init(self):
        super().init()
        cr = self.env.cr
        base = f"{self._table}_control"
        cr.execute(SQL("DROP VIEW IF EXISTS %s CASCADE", SQL.identifier(base)))
        cr.execute(
            SQL("ALTER VIEW %s RENAME TO %s", SQL.identifier(self._table), SQL.identifier(base))
        )
        cr.execute(
            SQL(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "ORDER BY ordinal_position",
                base,
            )
        )
        columns = [name for (name,) in cr.fetchall() if name != "routemap_task_id"]
        # deadlines and completion are datetimes (UTC) on route-map tasks: compared as such,
        # shown as their dates
        routemap = {
            "id": SQL("task.id * 2 + 1"),
            "routemap_task_id": SQL("task.id"),
            "user_id": SQL("task.user_id"),
            "team_id": SQL("task.team_id"),
            "company_id": SQL("task.company_id"),
            "date_deadline": SQL("(task.date_deadline AT TIME ZONE 'UTC')::date"),
            "date_done": SQL("(task.date_done AT TIME ZONE 'UTC')::date"),
            "progress": SQL("CASE WHEN task.state = 'done' THEN 100.0 ELSE 0.0 END"),
            "task_count": SQL("1"),
            "discipline": SQL(
                """CASE
                       WHEN task.state = 'done'
                            AND (task.date_deadline IS NULL
                                 OR task.date_done <= task.date_deadline) THEN 'on_time'
                       WHEN task.state = 'done' THEN 'late'
                       WHEN task.date_deadline < (NOW() AT TIME ZONE 'UTC') THEN 'overdue'
                       ELSE 'open'
                   END"""
            ),
        }
        routemap.update(discipline_measures(routemap["discipline"]))
        control_select = SQL(", ").join(
            [
                SQL("control.id * 2 AS id")
                if name == "id"
                else SQL("control.%s", SQL.identifier(name))
                for name in columns
            ]
            + [SQL("NULL::integer AS routemap_task_id")]
        )
        routemap_select = SQL(", ").join(
            [
                SQL("%s AS %s", routemap.get(name, SQL("NULL")), SQL.identifier(name))
                for name in columns
            ]
            + [SQL("task.id AS routemap_task_id")]
        )
        cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT %s FROM %s control
                    UNION ALL
                    SELECT %s
                      FROM crm_routemap_task task
                     WHERE task.state IN ('open', 'done') AND task.user_id IS NOT NULL
                )
                """,
                SQL.identifier(self._table),
                control_select,
                SQL.identifier(base),
                routemap_select,
            )
        )
