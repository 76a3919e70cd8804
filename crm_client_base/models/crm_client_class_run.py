"""ABC/XYZ-классификация: one run classifies every client who bought in its period, each
client's classes kept as one line of the run, so the runs make the client's class history.

The figures of each client (turnover, gross profit, orders, last purchase, the sum of the
squares of his monthly turnover) come from one SQL statement over the same sales rows as the
indicators; the classes from `pure/client_classes.py`; the lines are written by one INSERT.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..pure import client_classes
from .crm_client_class_settings import CONSULTANT
from .crm_client_indicator import ABC, XYZ, sales_facts

# The demo's sales: a year of posted invoices designed so that the demo's classification run
# puts a client in every cell of the ABC x XYZ matrix and the status rules give every status.
#
# Amounts of the months -12..-1 (the last complete months, those the run classifies), invoiced
# on the 10th. With the default thresholds (A 80 %, B 95 %, X 10 %, Y 25 %):
# - A (85 % of the turnover): the plant buys the same every month (X), the wholesaler one big
#   and one smaller month in turn (Y, 20 %), the boiler service bought big the first four months
#   and nothing since: Z, and dormant (no purchase for more than 180 days);
# - B (the next 10 %) and C (the last 5 %): the same three patterns, smaller;
# - the repair contractor bought once, exactly a year ago: lost; the new pipe store has only had
#   a call with the salesman: potential; the plant and the wholesaler (a tenth of the turnover
#   or more) are key, the others active.
# Other addons' demo invoices are small beside these (well under 1 % of the turnover).
# The client's xml id: his amounts of the months -12..-1.
DEMO_SALES = {
    "client_plant_demo": [3_330_000] * 12,  # A X, key
    "client_wholesale_demo": [2_500_000, 1_660_000] * 6,  # A Y, key
    "client_boiler_demo": [5_000_000] * 4 + [0] * 8,  # A Z, dormant
    "client_water_demo": [420_000] * 12,  # B X
    "client_mount_demo": [350_000, 230_000] * 6,  # B Y
    "client_gas_demo": [0] * 5 + [1_250_000] + [0] * 2 + [1_250_000] + [0] * 3,  # B Z
    "client_workshop_demo": [150_000] * 12,  # C X
    "client_shop_demo": [110_000, 73_000] * 6,  # C Y
    "client_hoa_demo": [0] * 10 + [700_000, 0],  # C Z
}
LOST_AMOUNT = 400_000
QUANTITY = 10


class CrmClientClassRun(models.Model):
    _name = "crm.client.class.run"
    _description = "Client Classification Run"
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Classified")], default="draft", required=True, readonly=True
    )
    date_from = fields.Date("From", required=True)
    date_to = fields.Date("To", required=True)
    source = fields.Selection(
        [("invoice", "Posted invoices"), ("order", "Confirmed sale orders")],
        string="Sales Figures From",
        required=True,
        default="invoice",
    )
    abc_a = fields.Float("A Class up to (%)", required=True, default=80.0)
    abc_b = fields.Float("B Class up to (%)", required=True, default=95.0)
    xyz_x = fields.Float("X Class up to (%)", required=True, default=10.0)
    xyz_y = fields.Float("Y Class up to (%)", required=True, default=25.0)
    run_date = fields.Datetime("Classified On", readonly=True)
    run_user_id = fields.Many2one("res.users", string="Classified By", readonly=True)
    is_last = fields.Boolean(
        "Last Run", readonly=True, index=True, help="The company's last classification."
    )
    line_ids = fields.One2many("crm.client.class.line", "run_id", string="Clients")
    line_count = fields.Integer("Clients Classified", readonly=True)

    _period = models.Constraint("CHECK(date_from <= date_to)", "The period ends before it starts.")
    _thresholds = models.Constraint(
        "CHECK(abc_a > 0 AND abc_a < abc_b AND abc_b <= 100 AND xyz_x >= 0 AND xyz_x < xyz_y)",
        "Thresholds must grow: 0 < A < B <= 100 %, X < Y.",
    )

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Classification %(date_from)s - %(date_to)s",
                date_from=run.date_from,
                date_to=run.date_to,
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        settings = self.env["crm.client.class.settings"]._for_company(company)
        values.update(
            {
                key: value
                for key, value in self._values_from_settings(settings).items()
                if key in fields_list
            }
        )
        return values

    @api.model
    def _values_from_settings(self, settings, today=None):
        """The last `period_months` complete months and the settings' thresholds."""
        today = today or fields.Date.context_today(self)
        date_to = today.replace(day=1) - relativedelta(days=1)
        return {
            "company_id": settings.company_id.id,
            "date_from": date_to.replace(day=1) - relativedelta(months=settings.period_months - 1),
            "date_to": date_to,
            "source": settings.source,
            "abc_a": settings.abc_a,
            "abc_b": settings.abc_b,
            "xyz_x": settings.xyz_x,
            "xyz_y": settings.xyz_y,
        }

    @api.model
    def _create_from_settings(self, settings, today=None):
        return self.create(self._values_from_settings(settings, today))

    def action_classify(self):
        """Classify the clients of each run's company over its period (again for a run
        classified before: its lines are replaced)."""
        if not self.env.user.has_group(CONSULTANT):
            raise AccessError(self.env._("Only a sales administrator classifies clients."))
        self.check_access("write")
        for run in self:
            run._classify()
        return True

    def _classify(self, today=None):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        today = today or fields.Date.context_today(self)
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("DELETE FROM crm_client_class_line WHERE run_id = %s", self.id))
        facts = sales_facts(self.company_id, self.date_from, self.date_to, self.source)
        cr.execute(
            SQL(
                """
                WITH facts AS (%s),
                per_month AS (
                    SELECT partner_id, SUM(amount) AS amount FROM facts
                     GROUP BY partner_id, date_trunc('month', day)
                ),
                squares AS (
                    SELECT partner_id, SUM(amount * amount) AS squares FROM per_month
                     GROUP BY partner_id
                ),
                agg AS (
                    SELECT partner_id, SUM(amount) AS turnover, SUM(amount - cost) AS profit,
                           COUNT(DISTINCT doc_id) FILTER (WHERE is_order) AS orders,
                           MAX(day) FILTER (WHERE is_order) AS last_day
                      FROM facts GROUP BY partner_id
                )
                SELECT agg.partner_id, rp.user_id, agg.turnover, agg.profit, agg.orders,
                       agg.last_day, squares.squares
                  FROM agg
                  JOIN squares ON squares.partner_id = agg.partner_id
                  JOIN res_partner rp ON rp.id = agg.partner_id
                """,
                facts,
            )
        )
        rows = cr.fetchall()
        months = len(client_classes.month_starts(self.date_from, self.date_to))
        clients = {
            partner_id: {
                "turnover": float(turnover or 0),
                "profit": float(profit or 0),
                "orders": orders,
                "last_date": last_day,
                "cv": client_classes.cv_from_sums(
                    float(turnover or 0), float(squares or 0), months
                ),
            }
            for partner_id, _user, turnover, profit, orders, last_day, squares in rows
        }
        thresholds = {"a": self.abc_a, "b": self.abc_b, "x": self.xyz_x, "y": self.xyz_y}
        classes = client_classes.classify(clients, thresholds, min(today, self.date_to))
        columns = {
            "partner_id": ("int4", []),
            "user_id": ("int4", []),
            "turnover": ("numeric", []),
            "gross_profit": ("numeric", []),
            "order_count": ("int4", []),
            "last_order_date": ("date", []),
            "cv": ("float8", []),
            "abc_turnover": ("varchar", []),
            "abc_profit": ("varchar", []),
            "xyz": ("varchar", []),
            "abc_xyz": ("varchar", []),
            "rfm_recency": ("int4", []),
            "rfm_frequency": ("int4", []),
            "rfm_monetary": ("int4", []),
            "rfm_score": ("varchar", []),
        }
        for partner_id, user_id, __, __, orders, last_day, __ in rows:
            client, cls = clients[partner_id], classes[partner_id]
            rfm = cls["rfm"] or (None, None, None)
            for name, value in (
                ("partner_id", partner_id),
                ("user_id", user_id),
                ("turnover", client["turnover"]),
                ("gross_profit", client["profit"]),
                ("order_count", orders),
                ("last_order_date", last_day),
                ("cv", cls["cv"]),
                ("abc_turnover", cls["abc_turnover"]),
                ("abc_profit", cls["abc_profit"]),
                ("xyz", cls["xyz"]),
                ("abc_xyz", cls["abc_turnover"] + cls["xyz"]),
                ("rfm_recency", rfm[0]),
                ("rfm_frequency", rfm[1]),
                ("rfm_monetary", rfm[2]),
                ("rfm_score", "".join(map(str, rfm)) if cls["rfm"] else None),
            ):
                columns[name][1].append(value)
        names = SQL(", ").join(SQL.identifier(name) for name in columns)
        arrays = SQL(", ").join(
            SQL("%s::" + kind + "[]", values) for kind, values in columns.values()
        )
        cr.execute(
            SQL(
                """
                INSERT INTO crm_client_class_line
                       (run_id, company_id, date, %(names)s,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(run)s, %(company)s, %(date)s, u.*,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(arrays)s) AS u(%(names)s)
                """,
                names=names,
                arrays=arrays,
                run=self.id,
                company=self.company_id.id,
                date=self.date_to,
                uid=self.env.uid,
            )
        )
        self.env["crm.client.class.line"].invalidate_model()
        previous = self.search(
            [("company_id", "=", self.company_id.id), ("is_last", "=", True), ("id", "!=", self.id)]
        )
        previous.is_last = False
        self.write(
            {
                "state": "done",
                "run_date": fields.Datetime.now(),
                "run_user_id": self.env.uid,
                "is_last": True,
                "line_count": len(rows),
            }
        )
        # the status rules may read the classes and RFM scores: those that do follow the run
        self.env["crm.client.indicator"]._refresh_classes(self.company_id)
        Rule = self.env["crm.client.status.rule"]
        if Rule.sudo().search([("company_id", "=", self.company_id.id)])._client_reads_classes():
            Rule._client_apply(self.company_id, today=today)

    @api.readonly
    def action_view_lines(self):
        """The ABC x XYZ matrix of the runs' clients (pivot, list, graph)."""
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_client_base.crm_client_class_line_action"
        )
        action["domain"] = [("run_id", "in", self.ids)]
        action["context"] = {}
        return action

    @api.model
    def _demo_load_sales(self):
        """Post the demo's invoices, then refresh the indicators, classify and apply the
        statuses as the nightly jobs would (demo data only)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        product = self.env.ref("crm_client_base.product_pipe_demo")
        month_start = today.replace(day=1)
        values = []

        def invoice(xml_id, day, amount):
            values.append(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": self.env.ref(f"crm_client_base.{xml_id}").id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": QUANTITY,
                                "price_unit": amount / QUANTITY,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )

        for xml_id, amounts in DEMO_SALES.items():
            for back, amount in zip(range(12, 0, -1), amounts, strict=True):
                if amount:
                    day = (month_start - relativedelta(months=back)).replace(day=10)
                    invoice(xml_id, day, amount)
        # a year ago to the day: still in the indicators' year, no purchase for 365 days
        invoice("client_repair_demo", today - relativedelta(months=12), LOST_AMOUNT)
        self.env["account.move"].create(values).action_post()
        self.env["crm.client.indicator"]._refresh(company, today=today)
        settings = self.env["crm.client.class.settings"]._for_company(company)
        self._create_from_settings(settings, today)._classify(today)

    @api.model
    def _cron_classify(self):
        """Classify each company's clients over the period its settings give, each company
        committed as a batch of its own; a company whose run of that period is classified
        already (a rerun after a stopped run) gets no second one."""
        Run = self.sudo()

        def classify(companies):
            for company in companies:
                settings = self.env["crm.client.class.settings"]._for_company(company)
                values = Run.with_company(company)._values_from_settings(settings)
                if not Run.search_count(
                    [
                        ("company_id", "=", company.id),
                        ("state", "=", "done"),
                        ("source", "=", values["source"]),
                        ("date_from", "=", values["date_from"]),
                        ("date_to", "=", values["date_to"]),
                    ],
                    limit=1,
                ):
                    Run.with_company(company).create(values)._classify()

        self.env["ir.cron"]._crm_run_batches(
            "client_classes", self.env["res.company"].sudo(), [], classify, batch_size=1
        )


class CrmClientClassLine(models.Model):
    _name = "crm.client.class.line"
    _description = "Client Class"
    _order = "date desc, turnover desc, id"
    _rec_name = "partner_id"

    run_id = fields.Many2one(
        "crm.client.class.run", string="Run", required=True, readonly=True, ondelete="cascade",
        index=True,
    )  # fmt: skip
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date("Period End", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, readonly=True, index=True,
        ondelete="cascade",
    )  # fmt: skip
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True, index=True)
    turnover = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    last_order_date = fields.Date("Last Purchase", readonly=True)
    cv = fields.Float(
        "Variation (%)",
        readonly=True,
        aggregator="avg",
        help="Coefficient of variation of the monthly turnover.",
    )
    abc_turnover = fields.Selection(ABC, "ABC by Turnover", readonly=True)
    abc_profit = fields.Selection(ABC, "ABC by Gross Profit", readonly=True)
    xyz = fields.Selection(XYZ, "XYZ", readonly=True)
    abc_xyz = fields.Char("ABC/XYZ", readonly=True)
    rfm_recency = fields.Integer("Recency (R)", readonly=True, aggregator="avg")
    rfm_frequency = fields.Integer("Frequency (F)", readonly=True, aggregator="avg")
    rfm_monetary = fields.Integer("Monetary (M)", readonly=True, aggregator="avg")
    rfm_score = fields.Char("RFM", readonly=True)
    is_last = fields.Boolean(related="run_id.is_last", string="Last Run")
    client_status_id = fields.Many2one(related="partner_id.client_status_id", string="Work Status")
