from odoo import api, fields, models
from odoo.exceptions import AccessError

CONSULTANT = "sales_team.group_sale_manager"


class CrmClientClassSettings(models.Model):
    """The consultant's thresholds of the client classes and alerts, one record per company."""

    _name = "crm.client.class.settings"
    _description = "Client Classification Settings"
    _check_company_auto = True

    name = fields.Char(related="company_id.name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    source = fields.Selection(
        [("invoice", "Posted invoices"), ("order", "Confirmed sale orders")],
        string="Sales Figures From",
        required=True,
        default="invoice",
        help="Posted customer invoices net of credit notes; confirmed sale orders when the "
        "company does not invoice in Odoo.",
    )
    period_months = fields.Integer(
        "Period (Months)",
        required=True,
        default=12,
        help="The indicators cover this many months up to today; a classification the last "
        "complete months.",
    )
    abc_a = fields.Float(
        "A Class up to (%)",
        required=True,
        default=80.0,
        help="Clients who make this share of the turnover (or gross profit), the largest first.",
    )
    abc_b = fields.Float("B Class up to (%)", required=True, default=95.0)
    xyz_x = fields.Float(
        "X Class up to (%)",
        required=True,
        default=10.0,
        help="Coefficient of variation of the monthly turnover: stable clients.",
    )
    xyz_y = fields.Float("Y Class up to (%)", required=True, default=25.0)
    silence_factor = fields.Float(
        "Silence Alert Factor",
        required=True,
        default=2.0,
        help="The responsible gets an activity when the client has not bought for this many "
        "times his usual interval between orders.",
    )
    drop_percent = fields.Float(
        "Turnover Drop Alert (%)",
        required=True,
        default=30.0,
        help="The responsible gets an activity when the client's turnover of the last quarter "
        "is this much below the quarter before.",
    )

    _company_unique = models.Constraint(
        "UNIQUE(company_id)", "A company has one set of classification settings."
    )
    _thresholds = models.Constraint(
        "CHECK(abc_a > 0 AND abc_a < abc_b AND abc_b <= 100 AND xyz_x >= 0 AND xyz_x < xyz_y"
        " AND period_months > 0 AND silence_factor > 0 AND drop_percent > 0"
        " AND drop_percent <= 100)",
        "Thresholds must grow: 0 < A < B <= 100 %, X < Y; the period, the silence factor and "
        "the drop must be positive.",
    )

    @api.model
    def _for_company(self, company):
        """The company's settings, created with the defaults the first time."""
        settings = self.sudo().search([("company_id", "=", company.id)], limit=1)
        return settings or self.sudo().create({"company_id": company.id})

    def _check_consultant(self):
        if not self.env.user.has_group(CONSULTANT):
            raise AccessError(
                self.env._(
                    "Only a sales administrator refreshes indicators and classifies clients."
                )
            )

    def action_refresh_indicators(self):
        """Refresh the indicators of the companies' clients and raise the alerts now."""
        self._check_consultant()
        self.check_access("read")
        for settings in self:
            self.env["crm.client.indicator"]._refresh(settings.company_id)
        return True

    def action_classify(self):
        """A classification run of the companies' clients over the last complete months."""
        self._check_consultant()
        self.check_access("read")
        runs = self.env["crm.client.class.run"]
        for settings in self:
            runs |= runs._create_from_settings(settings)
        runs.action_classify()
        return runs.action_view_lines()
