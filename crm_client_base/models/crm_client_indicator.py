"""Показатели клиента: the figures of each client (commercial partner), per company, kept in
one table refreshed by one SQL statement per group of figures (sales, interests,
interactions), never a loop over the partners.

Sales figures come from the posted customer invoices net of credit notes (`balance` of their
product lines: the company currency), or from the confirmed sale orders when the company's
settings say it does not invoice in Odoo (the untaxed line amounts divided by the order's
currency rate). The cost is the product's cost (`standard_price` of the company, today's)
times the quantity: Odoo's sale_margin is not a dependency, and invoices carry no purchase
price; a line without product costs nothing.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..pure import client_classes

INTERACTION_DAYS = 90
ABC = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ = [("X", "X"), ("Y", "Y"), ("Z", "Z")]
CLASS_COLUMNS = ["abc_turnover", "abc_profit", "xyz", "rfm_recency", "rfm_frequency",
                 "rfm_monetary"]  # fmt: skip


def sales_facts(company, date_from, date_to, source):
    """SQL of the sales rows (partner_id, day, doc_id, is_order, amount, cost) of `company`
    between the two dates: invoice lines or confirmed order lines."""
    if source == "order":
        return SQL(
            """
            SELECT rp.commercial_partner_id AS partner_id, so.date_order::date AS day,
                   so.id AS doc_id, true AS is_order,
                   sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
                   sol.product_uom_qty
                     * COALESCE((pp.standard_price ->> %(company)s)::numeric, 0) AS cost
              FROM sale_order so
              JOIN res_partner rp ON rp.id = so.partner_id
              JOIN sale_order_line sol ON sol.order_id = so.id AND sol.display_type IS NULL
              LEFT JOIN product_product pp ON pp.id = sol.product_id
             WHERE so.company_id = %(company_id)s AND so.state = 'sale'
               AND so.date_order >= %(date_from)s
               AND so.date_order < %(date_to)s::date + 1
            """,
            company=str(company.id),
            company_id=company.id,
            date_from=date_from,
            date_to=date_to,
        )
    return SQL(
        """
        SELECT am.commercial_partner_id AS partner_id, am.invoice_date AS day,
               am.id AS doc_id, am.move_type = 'out_invoice' AS is_order,
               -aml.balance AS amount,
               CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END * aml.quantity
                 * COALESCE((pp.standard_price ->> %(company)s)::numeric, 0) AS cost
          FROM account_move am
          JOIN account_move_line aml ON aml.move_id = am.id AND aml.display_type = 'product'
          LEFT JOIN product_product pp ON pp.id = aml.product_id
         WHERE am.company_id = %(company_id)s AND am.state = 'posted'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND am.invoice_date >= %(date_from)s AND am.invoice_date <= %(date_to)s
        """,
        company=str(company.id),
        company_id=company.id,
        date_from=date_from,
        date_to=date_to,
    )


class CrmClientIndicator(models.Model):
    _name = "crm.client.indicator"
    _description = "Client Indicators"
    _order = "turnover desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        readonly=True,
        index=True,
        help="The client's responsible salesperson at the last refresh.",
    )
    date_from = fields.Date("From", readonly=True)
    date_to = fields.Date("To", readonly=True)
    refresh_date = fields.Datetime("Refreshed On", readonly=True)
    turnover = fields.Monetary(readonly=True, help="Invoiced net of credit notes, untaxed.")
    cost = fields.Monetary(readonly=True, help="Quantities sold times the products' cost.")
    gross_profit = fields.Monetary(readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    average_order = fields.Monetary(readonly=True, aggregator="avg")
    usual_interval = fields.Float(
        "Usual Interval (Days)",
        readonly=True,
        aggregator="avg",
        help="Median of the days between the client's successive purchases.",
    )
    last_order_date = fields.Date(
        "Last Purchase", readonly=True, help="The client's last purchase, in the period or before."
    )
    turnover_share = fields.Float(
        "Share of Turnover (%)", readonly=True, help="The client's share of the company's turnover."
    )
    quarter_turnover = fields.Monetary("Last Quarter", readonly=True)
    previous_quarter_turnover = fields.Monetary("Quarter Before", readonly=True)
    open_interest_count = fields.Integer("Open Interests", readonly=True)
    won_interest_count = fields.Integer("Won Interests", readonly=True)
    lost_interest_count = fields.Integer("Lost Interests", readonly=True)
    interaction_count = fields.Integer(
        "Interactions (90 Days)", readonly=True, help="Interactions held in the last 90 days."
    )
    silence_alert_date = fields.Date(
        "Silence Alert On",
        readonly=True,
        help="The day the responsible was alerted of the client's silence; cleared when the "
        "client buys again.",
    )
    drop_alert_quarter = fields.Date(
        "Drop Alert Quarter",
        readonly=True,
        help="The quarter whose turnover drop the responsible was alerted of.",
    )
    # the client's classes of the company's last classification run, for the status rules
    abc_turnover = fields.Selection(ABC, "ABC by Turnover", readonly=True)
    abc_profit = fields.Selection(ABC, "ABC by Gross Profit", readonly=True)
    xyz = fields.Selection(XYZ, "XYZ", readonly=True)
    rfm_recency = fields.Integer(
        "Recency (R)", readonly=True, aggregator="avg",
        help="1 to 5 (5: bought most recently), from the last classification run.",
    )  # fmt: skip
    rfm_frequency = fields.Integer(
        "Frequency (F)", readonly=True, aggregator="avg",
        help="1 to 5 (5: most orders), from the last classification run.",
    )  # fmt: skip
    rfm_monetary = fields.Integer(
        "Monetary (M)", readonly=True, aggregator="avg",
        help="1 to 5 (5: largest turnover), from the last classification run.",
    )  # fmt: skip

    _company_partner_unique = models.UniqueIndex("(company_id, partner_id)")

    # ------------------------------------------------------------------ refresh
    @api.model
    def _periods(self, settings, today):
        date_from = today - relativedelta(months=settings.period_months)
        last, previous, current = client_classes.quarter_bounds(today)
        return date_from, today, last, previous, current

    @api.model
    def _refresh(self, company, today=None):
        """Refresh every indicator of `company`'s clients, then raise the alerts."""
        today = today or fields.Date.context_today(self)
        settings = self.env["crm.client.class.settings"]._for_company(company)
        self.env.flush_all()
        self._refresh_sales(company, settings, today)
        self._refresh_interests(company)
        self._refresh_interactions(company, today)
        self._refresh_classes(company)
        # the responsible of every client, for grouping (the record rules read the partner's)
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_client_indicator ind SET user_id = rp.user_id
                  FROM res_partner rp
                 WHERE rp.id = ind.partner_id AND ind.company_id = %s
                   AND ind.user_id IS DISTINCT FROM rp.user_id
                """,
                company.id,
            )
        )
        self.invalidate_model()
        self._raise_alerts(company, settings, today)

    def _upsert(self, company, columns, select, zeros=None):
        """INSERT the rows `select` gives (partner_id first, then `columns`), rows of partners
        already in the table and absent from `select` reset to `zeros` (SQL of each column,
        0 by default), ON CONFLICT update."""
        names = SQL(", ").join(SQL.identifier(c) for c in columns)
        updates = SQL(", ").join(
            SQL("%s = EXCLUDED.%s", SQL.identifier(c), SQL.identifier(c)) for c in columns
        )
        changed = SQL(" OR ").join(
            SQL(
                "crm_client_indicator.%s IS DISTINCT FROM EXCLUDED.%s",
                SQL.identifier(c),
                SQL.identifier(c),
            )
            for c in columns
        )
        zeros = SQL(", ").join(zeros or [SQL("0") for _c in columns])
        self.env.cr.execute(
            SQL(
                """
                WITH fresh AS (%(select)s)
                INSERT INTO crm_client_indicator
                       (company_id, partner_id, %(names)s, create_uid, create_date,
                        write_uid, write_date)
                SELECT %(company)s, rows.*, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM (SELECT * FROM fresh
                        UNION ALL
                        SELECT ind.partner_id, %(zeros)s
                          FROM crm_client_indicator ind
                         WHERE ind.company_id = %(company)s
                           AND NOT EXISTS (SELECT 1 FROM fresh
                                            WHERE fresh.partner_id = ind.partner_id)) rows
                ON CONFLICT (company_id, partner_id) DO UPDATE SET %(updates)s,
                       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                 WHERE %(changed)s
                """,
                select=select,
                names=names,
                company=company.id,
                uid=self.env.uid,
                zeros=zeros,
                updates=updates,
                changed=changed,
            )
        )

    def _refresh_sales(self, company, settings, today):
        date_from, date_to, q_last, q_previous, q_current = self._periods(settings, today)
        facts = sales_facts(company, min(date_from, q_previous), date_to, settings.source)
        select = SQL(
            """
            WITH facts AS (%(facts)s),
            agg AS (
                SELECT partner_id,
                       SUM(amount) FILTER (WHERE day >= %(date_from)s) AS turnover,
                       SUM(cost) FILTER (WHERE day >= %(date_from)s) AS cost,
                       COUNT(DISTINCT doc_id)
                         FILTER (WHERE is_order AND day >= %(date_from)s) AS order_count,
                       SUM(amount) FILTER (WHERE day >= %(q_last)s AND day < %(q_current)s)
                         AS quarter,
                       SUM(amount) FILTER (WHERE day >= %(q_previous)s AND day < %(q_last)s)
                         AS previous_quarter
                  FROM facts
                 GROUP BY partner_id
            ),
            days AS (
                SELECT DISTINCT partner_id, day FROM facts
                 WHERE is_order AND day >= %(date_from)s
            ),
            gaps AS (
                SELECT partner_id,
                       day - LAG(day) OVER (PARTITION BY partner_id ORDER BY day) AS gap
                  FROM days
            ),
            intervals AS (
                SELECT partner_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS usual
                  FROM gaps WHERE gap IS NOT NULL GROUP BY partner_id
            )
            SELECT agg.partner_id, %(date_from)s::date, %(date_to)s::date,
                   now() AT TIME ZONE 'UTC',
                   COALESCE(agg.turnover, 0), COALESCE(agg.cost, 0),
                   COALESCE(agg.turnover, 0) - COALESCE(agg.cost, 0),
                   agg.order_count,
                   CASE WHEN agg.order_count > 0 THEN COALESCE(agg.turnover, 0) / agg.order_count
                        ELSE 0 END,
                   COALESCE(intervals.usual, 0),
                   CASE WHEN SUM(agg.turnover) OVER () > 0
                        THEN 100.0 * COALESCE(agg.turnover, 0) / SUM(agg.turnover) OVER ()
                        ELSE 0 END,
                   COALESCE(agg.quarter, 0), COALESCE(agg.previous_quarter, 0)
              FROM agg
              LEFT JOIN intervals ON intervals.partner_id = agg.partner_id
            """,
            facts=facts,
            date_from=date_from,
            date_to=date_to,
            q_last=q_last,
            q_previous=q_previous,
            q_current=q_current,
        )
        self._upsert(
            company,
            [
                "date_from",
                "date_to",
                "refresh_date",
                "turnover",
                "cost",
                "gross_profit",
                "order_count",
                "average_order",
                "usual_interval",
                "turnover_share",
                "quarter_turnover",
                "previous_quarter_turnover",
            ],
            select,
            zeros=[
                SQL("%s::date", date_from),
                SQL("%s::date", date_to),
                SQL("now() AT TIME ZONE 'UTC'"),
                *[SQL("0")] * 9,
            ],
        )
        # the last purchase ever, not only the period's: a client silent for longer than the
        # period is still known by it (the rule "no purchase for a year" reads it)
        self._upsert(
            company,
            ["last_order_date"],
            SQL(
                "SELECT partner_id, MAX(day) FROM (%s) facts WHERE is_order GROUP BY partner_id",
                sales_facts(company, date.min, date_to, settings.source),
            ),
            zeros=[SQL("NULL::date")],
        )
        # a client who bought after his silence alert ends the episode
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_client_indicator SET silence_alert_date = NULL
                 WHERE company_id = %s AND silence_alert_date IS NOT NULL
                   AND (last_order_date IS NULL OR last_order_date >= silence_alert_date
                        OR usual_interval = 0)
                """,
                company.id,
            )
        )

    def _refresh_interests(self, company):
        select = SQL(
            """
            SELECT rp.commercial_partner_id AS partner_id,
                   COUNT(*) FILTER (WHERE lead.active AND lead.won_status = 'pending'),
                   COUNT(*) FILTER (WHERE lead.won_status = 'won'),
                   COUNT(*) FILTER (WHERE lead.won_status = 'lost')
              FROM crm_lead lead
              JOIN res_partner rp ON rp.id = lead.partner_id
             WHERE lead.scenario_id IS NOT NULL AND lead.type = 'opportunity'
               AND COALESCE(lead.company_id, %s) = %s
             GROUP BY rp.commercial_partner_id
            """,
            company.id,
            company.id,
        )
        self._upsert(
            company,
            ["open_interest_count", "won_interest_count", "lost_interest_count"],
            select,
        )

    def _refresh_interactions(self, company, today):
        since = fields.Datetime.to_datetime(today) - timedelta(days=INTERACTION_DAYS)
        select = SQL(
            """
            SELECT rp.commercial_partner_id AS partner_id, COUNT(*)
              FROM crm_interaction i
              JOIN res_partner rp ON rp.id = i.partner_id
             WHERE i.company_id = %s AND i.kind != 'planned' AND i.date >= %s
               AND i.date < %s
             GROUP BY rp.commercial_partner_id
            """,
            company.id,
            since,
            fields.Datetime.to_datetime(today) + timedelta(days=1),
        )
        self._upsert(company, ["interaction_count"], select)

    def _refresh_classes(self, company):
        """The classes and RFM scores of the company's last classification run (none for a
        client it did not classify)."""
        self.env.flush_all()
        select = SQL(
            """
            SELECT line.partner_id, line.abc_turnover, line.abc_profit, line.xyz,
                   line.rfm_recency, line.rfm_frequency, line.rfm_monetary
              FROM crm_client_class_line line
              JOIN crm_client_class_run run ON run.id = line.run_id
             WHERE run.company_id = %s AND run.is_last
            """,
            company.id,
        )
        zeros = [SQL("NULL::varchar")] * 3 + [SQL("NULL::int4")] * 3
        self._upsert(company, CLASS_COLUMNS, select, zeros=zeros)
        self.invalidate_model(CLASS_COLUMNS)

    # ------------------------------------------------------------------ alerts
    def _raise_alerts(self, company, settings, today):
        """One activity for the responsible per episode: the date the alert was raised is
        kept on the indicator, so the next nights raise nothing until it is cleared."""
        __, __, q_last, __, __ = self._periods(settings, today)
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE crm_client_indicator ind SET silence_alert_date = %(today)s
                  FROM res_partner rp
                 WHERE rp.id = ind.partner_id AND rp.user_id IS NOT NULL
                   AND ind.company_id = %(company)s AND ind.silence_alert_date IS NULL
                   AND ind.usual_interval > 0 AND ind.last_order_date IS NOT NULL
                   AND %(today)s::date - ind.last_order_date
                       > %(factor)s * ind.usual_interval
                RETURNING ind.partner_id, rp.user_id,
                          %(today)s::date - ind.last_order_date, ind.usual_interval
                """,
                today=today,
                company=company.id,
                factor=settings.silence_factor,
            )
        )
        silent = cr.fetchall()
        cr.execute(
            SQL(
                """
                UPDATE crm_client_indicator ind SET drop_alert_quarter = %(quarter)s
                  FROM res_partner rp
                 WHERE rp.id = ind.partner_id AND rp.user_id IS NOT NULL
                   AND ind.company_id = %(company)s
                   AND (ind.drop_alert_quarter IS NULL OR ind.drop_alert_quarter < %(quarter)s)
                   AND ind.previous_quarter_turnover > 0
                   AND ind.quarter_turnover
                       < ind.previous_quarter_turnover * (1 - %(percent)s / 100.0)
                RETURNING ind.partner_id, rp.user_id, ind.quarter_turnover,
                          ind.previous_quarter_turnover
                """,
                quarter=q_last,
                company=company.id,
                percent=settings.drop_percent,
            )
        )
        dropped = cr.fetchall()
        self.invalidate_model(["silence_alert_date", "drop_alert_quarter"])
        if not silent and not dropped:
            return
        users = {u.id: u for u in self.env["res.users"].sudo().browse(
            {row[1] for row in silent + dropped})}  # fmt: skip
        model_id = self.env["ir.model"]._get_id("res.partner")
        todo = self.env.ref("mail.mail_activity_data_todo")

        def alert(partner_id, user_id, summary, note):
            return {
                "res_model_id": model_id,
                "res_id": partner_id,
                "user_id": user_id,
                "activity_type_id": todo.id,
                "date_deadline": today,
                "summary": summary,
                "note": note,
            }

        values = []
        for partner_id, user_id, days, interval in silent:
            env = self.with_context(lang=users[user_id].lang).env
            values.append(
                alert(
                    partner_id,
                    user_id,
                    env._("The client has not bought for %s days", days),
                    env._(
                        "His usual interval between orders is %(interval)s days: call him.",
                        interval=round(interval),
                    ),
                )
            )
        for partner_id, user_id, quarter, previous in dropped:
            env = self.with_context(lang=users[user_id].lang).env
            values.append(
                alert(
                    partner_id,
                    user_id,
                    env._("The client's turnover dropped last quarter"),
                    env._(
                        "Turnover of the last quarter %(quarter)s against %(previous)s the "
                        "quarter before.",
                        quarter=company.currency_id.format(quarter),
                        previous=company.currency_id.format(previous),
                    ),
                )
            )
        # the alerts are the system's, raised after the caller's rights were checked; the
        # clients' names read at once (each activity's name would read its client alone)
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        Activity.env["res.partner"].browse({v["res_id"] for v in values}).mapped("display_name")
        Activity.create(values)

    @api.model
    def _cron_refresh(self):
        """Every company's indicators, each company committed as a batch of its own (its
        statements are set-based; its alerts are raised once per episode)."""

        def refresh(companies):
            for company in companies:
                self.sudo().with_company(company)._refresh(company)

        self.env["ir.cron"]._crm_run_batches(
            "client_indicators", self.env["res.company"].sudo(), [], refresh, batch_size=1
        )
