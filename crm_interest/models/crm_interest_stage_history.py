from odoo import _, api, fields, models
from odoo.tools import SQL

# Running totals of the time spent in each state, per scenario, state and company: the
# sales funnel reads its "average days in state" from here (a handful of rows) instead of
# the whole state history. A plain table (no model: nobody reads it but the funnel, in SQL),
# kept in step by the only code that writes the history (below), rebuilt from the history
# when it is created; company_key is the company id, 0 for none.
TOTALS_TABLE = "crm_interest_stage_total"


class CrmInterestStageHistory(models.Model):
    _name = "crm.interest.stage.history"
    _description = "Interest State History"
    _order = "date_in desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one("crm.lead", string="Interest", required=True, ondelete="cascade")
    stage_id = fields.Many2one("crm.stage", string="State", required=True, ondelete="cascade")
    scenario_id = fields.Many2one("crm.interest.scenario", index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", index=True)
    date_in = fields.Datetime(required=True)
    date_out = fields.Datetime()
    user_id = fields.Many2one("res.users", string="Moved By")
    duration_days = fields.Float(
        string="Days in State", compute="_compute_duration_days", store=True, aggregator="avg"
    )

    duration_display = fields.Char(
        string="Time in State",
        compute="_compute_duration_display",
        help="Days and hours (hours and minutes under a day); up to now for the current state.",
    )

    _lead_open_index = models.Index("(lead_id) WHERE date_out IS NULL")
    _lead_index = models.Index("(lead_id, stage_id)")

    @api.depends("date_in", "date_out")
    def _compute_duration_days(self):
        for row in self:
            if row.date_in and row.date_out:
                row.duration_days = (row.date_out - row.date_in).total_seconds() / 86400
            else:
                row.duration_days = 0.0

    @api.depends("date_in", "date_out")
    def _compute_duration_display(self):
        now = fields.Datetime.now()
        for row in self:
            if not row.date_in:
                row.duration_display = False
                continue
            minutes = int(((row.date_out or now) - row.date_in).total_seconds() // 60)
            days, minutes = divmod(max(minutes, 0), 1440)
            hours, minutes = divmod(minutes, 60)
            if days:
                text = _("%(days)s d %(hours)s h", days=days, hours=hours)
            else:
                text = _("%(hours)s h %(minutes)s min", hours=hours, minutes=minutes)
            row.duration_display = text if row.date_out else _("%s so far", text)

    # ------------------------------------------------------------------ running totals

    def init(self):
        super().init()
        cr = self.env.cr
        cr.execute("SELECT to_regclass(%s)", [TOTALS_TABLE])
        if cr.fetchone()[0]:
            return
        cr.execute(
            SQL(
                """
            CREATE TABLE %(table)s (
                scenario_id integer NOT NULL,
                stage_id integer NOT NULL,
                company_key integer NOT NULL,
                closed_days double precision NOT NULL DEFAULT 0,
                closed_count integer NOT NULL DEFAULT 0,
                open_count integer NOT NULL DEFAULT 0,
                open_epoch double precision NOT NULL DEFAULT 0,
                PRIMARY KEY (scenario_id, stage_id, company_key)
            )
                """,
                table=SQL.identifier(TOTALS_TABLE),
            )
        )
        self._totals_rebuild()

    @api.model
    def _totals_rebuild(self):
        """Recount the totals from the whole history (creation, or a repair)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            DELETE FROM %(table)s;
            INSERT INTO %(table)s
            SELECT h.scenario_id, h.stage_id, COALESCE(h.company_id, 0),
                   COALESCE(SUM(EXTRACT(EPOCH FROM COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END) - h.date_in))
                       FILTER (WHERE COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END) IS NOT NULL), 0) / 86400,
                   COUNT(*) FILTER (WHERE COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END) IS NOT NULL),
                   COUNT(*) FILTER (WHERE COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END) IS NULL),
                   COALESCE(SUM(EXTRACT(EPOCH FROM h.date_in))
                       FILTER (WHERE COALESCE(h.date_out, CASE WHEN l.won_status != 'pending' THEN l.date_closed END) IS NULL), 0)
              FROM crm_interest_stage_history h
              JOIN crm_lead l ON l.id = h.lead_id
             WHERE h.scenario_id IS NOT NULL
          GROUP BY 1, 2, 3
                """,
                table=SQL.identifier(TOTALS_TABLE),
            )
        )

    def _totals_add(self, rows_sql, with_sql=None):
        """Add the (scenario, stage, company_key, closed_days, closed_count, open_count,
        open_epoch) rows selected by `rows_sql` to the totals (`with_sql`: its WITH clause)."""
        self.env.cr.execute(
            SQL(
                """
            %(with_)s
            INSERT INTO %(table)s AS t
            SELECT * FROM (%(rows)s) AS r
            ON CONFLICT (scenario_id, stage_id, company_key) DO UPDATE
               SET closed_days = t.closed_days + EXCLUDED.closed_days,
                   closed_count = t.closed_count + EXCLUDED.closed_count,
                   open_count = t.open_count + EXCLUDED.open_count,
                   open_epoch = t.open_epoch + EXCLUDED.open_epoch
                """,
                table=SQL.identifier(TOTALS_TABLE),
                rows=rows_sql,
                with_=with_sql or SQL(),
            )
        )

    @api.model
    def _interest_close_open(self, leads, when):
        """Close the open history rows of `leads` at `when`, in the totals too."""
        if not leads:
            return
        self.flush_model()
        self._totals_add(
            SQL(
                """
            SELECT scenario_id, stage_id, COALESCE(company_id, 0),
                   SUM(EXTRACT(EPOCH FROM %(when)s - date_in)) / 86400, COUNT(*),
                   -COUNT(*), -SUM(EXTRACT(EPOCH FROM date_in))
              FROM closed
             WHERE scenario_id IS NOT NULL
          GROUP BY 1, 2, 3
                """,
                when=when,
            ),
            with_sql=SQL(
                """
            WITH closed AS (
                UPDATE crm_interest_stage_history
                   SET date_out = %(when)s,
                       duration_days = EXTRACT(EPOCH FROM %(when)s - date_in) / 86400
                 WHERE lead_id IN %(leads)s AND date_out IS NULL
             RETURNING scenario_id, stage_id, company_id, date_in
            )
                """,
                when=when,
                leads=tuple(leads.ids),
            ),
        )
        self.invalidate_model(["date_out", "duration_days"])

    @api.model
    def _interest_open(self, leads, when, closed=False):
        """Open a history row for each interest of `leads` in its state at `when` (closed at
        once for a closed interest: a won one is in its won state for no time)."""
        if not leads:
            return self
        rows = self.create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "scenario_id": lead.scenario_id.id,
                    "company_id": lead.company_id.id,
                    "date_in": when,
                    "date_out": when if closed else False,
                    "user_id": self.env.uid,
                }
                for lead in leads
            ]
        )
        rows.flush_recordset()
        self._totals_add(
            SQL(
                """
            SELECT scenario_id, stage_id, COALESCE(company_id, 0),
                   0.0, COUNT(*) FILTER (WHERE date_out IS NOT NULL),
                   COUNT(*) FILTER (WHERE date_out IS NULL),
                   COALESCE(SUM(EXTRACT(EPOCH FROM date_in)) FILTER (WHERE date_out IS NULL), 0)
              FROM crm_interest_stage_history
             WHERE id IN %(ids)s AND scenario_id IS NOT NULL
          GROUP BY 1, 2, 3
                """,
                ids=tuple(rows.ids),
            )
        )
        return rows

    @api.model
    def _interest_forget(self, leads):
        """Take the history of `leads` (about to be deleted) out of the totals."""
        if not leads:
            return
        self.flush_model()
        self._totals_add(
            SQL(
                """
            SELECT h.scenario_id, h.stage_id, COALESCE(h.company_id, 0),
                   -COALESCE(SUM(EXTRACT(EPOCH FROM h.date_out - h.date_in))
                       FILTER (WHERE h.date_out IS NOT NULL), 0) / 86400,
                   -COUNT(*) FILTER (WHERE h.date_out IS NOT NULL),
                   -COUNT(*) FILTER (WHERE h.date_out IS NULL),
                   -COALESCE(SUM(EXTRACT(EPOCH FROM h.date_in))
                       FILTER (WHERE h.date_out IS NULL), 0)
              FROM crm_interest_stage_history h
             WHERE h.lead_id IN %(leads)s AND h.scenario_id IS NOT NULL
          GROUP BY 1, 2, 3
                """,
                leads=tuple(leads.ids),
            )
        )

    @api.model
    def _interest_average_days(self, scenario, company_ids):
        """{state id: average days in it} of every interest of `scenario` in these
        companies (and none), from the running totals."""
        self.env.cr.execute(
            SQL(
                """
            SELECT stage_id,
                   (SUM(closed_days)
                    + (SUM(open_count) * EXTRACT(EPOCH FROM %(now)s::timestamp) - SUM(open_epoch))
                    / 86400)
                   / NULLIF(SUM(closed_count) + SUM(open_count), 0)
              FROM %(table)s
             WHERE scenario_id = %(scenario)s AND company_key IN %(companies)s
          GROUP BY stage_id
                """,
                table=SQL.identifier(TOTALS_TABLE),
                now=fields.Datetime.now(),
                scenario=scenario.id,
                companies=(0, *company_ids),
            )
        )
        return {stage: days for stage, days in self.env.cr.fetchall() if days is not None}
