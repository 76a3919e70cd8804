from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from .crm_client_indicator import CLASS_COLUMNS


class CrmClientStatus(models.Model):
    """A client work status (Статус работы с клиентом): potential, active, key, dormant,
    lost... set by the consultant's rules."""

    _name = "crm.client.status"
    _description = "Client Work Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    rule_ids = fields.One2many("crm.client.status.rule", "status_id", string="Rules")


class CrmClientStatusRule(models.Model):
    """A rule that sets a client's status (Правило установки статуса): the first rule, in
    their order, whose conditions the client's indicators meet gives his status. Conditions
    are a domain over the indicators (read, never run) and, if given, a number of days
    without a purchase."""

    _name = "crm.client.status.rule"
    _description = "Client Status Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char("Rule", required=True, translate=True)
    sequence = fields.Integer(default=10)
    status_id = fields.Many2one("crm.client.status", required=True, ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    domain = fields.Char(
        "Conditions", default="[]",
        help="Conditions on the client's indicators (turnover, orders, interests...).",
    )  # fmt: skip
    silent_days = fields.Integer(
        "No Purchase For (Days)",
        help="Also: the client bought before but not for this many days (0: not checked).",
    )
    active = fields.Boolean(default=True)

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                rule._client_domain()
            except Exception as error:
                raise ValidationError(
                    _("Rule %(rule)s: its conditions cannot be read (%(error)s).",
                      rule=rule.name, error=error)
                ) from error  # fmt: skip

    def _client_domain(self, today=None):
        """The rule's conditions as a domain on crm.client.indicator: its text holds data
        only (no names to call), plus the days without a purchase."""
        self.ensure_one()
        domain = Domain(safe_eval(self.domain or "[]", {}))
        # the indicators' own fields only: a path through a relation would let the rule read,
        # with the rights of the nightly run, what its author may not
        indicators = self.env["crm.client.indicator"]._fields
        for condition in domain.iter_conditions():
            if "." in condition.field_expr or condition.field_expr not in indicators:
                raise ValueError(_("%s is not an indicator", condition.field_expr))
        if self.silent_days:
            since = (today or fields.Date.context_today(self)) - timedelta(days=self.silent_days)
            domain &= Domain("last_order_date", "<=", since)
        return domain

    def _client_reads_classes(self):
        """Whether any of these rules reads a class or an RFM score of the last run."""
        return any(
            condition.field_expr in CLASS_COLUMNS
            for rule in self
            for condition in Domain(safe_eval(rule.domain or "[]", {})).iter_conditions()
        )

    @api.model
    def _client_apply(self, company, today=None):
        """Every client of the company gets the status of the first rule he meets; each change
        is kept in the status history with its date and the rule as its reason."""
        Indicator = self.env["crm.client.indicator"].sudo()
        left = Indicator.search([("company_id", "=", company.id)])
        decided = {}
        for rule in self.sudo().search([("company_id", "=", company.id)]):
            if not left:
                break
            met = left.filtered_domain(rule._client_domain(today))
            for indicator in met:
                decided[indicator.partner_id] = rule
            left -= met
        changed = {p: r for p, r in decided.items() if p.client_status_id != r.status_id}
        self.env["crm.client.status.history"].sudo().create(
            [
                {"partner_id": partner.id, "company_id": company.id,
                 "old_status_id": partner.client_status_id.id,
                 "status_id": rule.status_id.id, "rule_id": rule.id}
                for partner, rule in changed.items()
            ]
        )  # fmt: skip
        by_status = {}
        for partner, rule in changed.items():
            by_status.setdefault(rule.status_id, []).append(partner.id)
        Partner = self.env["res.partner"].sudo().with_context(tracking_disable=True)
        for status, partner_ids in by_status.items():
            Partner.browse(partner_ids).client_status_id = status

    def action_apply_now(self):
        """Apply the rules now (the consultant, after changing them)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only a sales administrator applies the status rules."))
        self._client_apply(self.env.company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}


class CrmClientStatusHistory(models.Model):
    _name = "crm.client.status.history"
    _description = "Client Status Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", "Client", required=True, ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    old_status_id = fields.Many2one("crm.client.status", "From", readonly=True)
    status_id = fields.Many2one("crm.client.status", "To", required=True, readonly=True)
    rule_id = fields.Many2one("crm.client.status.rule", "Reason", readonly=True)


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_status_id = fields.Many2one(
        "crm.client.status", "Work Status", readonly=True, copy=False, index=True,
        group_expand="_read_group_client_status",
    )  # fmt: skip
    client_status_history_ids = fields.One2many(
        "crm.client.status.history", "partner_id", string="Status History"
    )

    @api.model
    def _read_group_client_status(self, statuses, domain):
        return statuses.search([])


class CrmClientIndicator(models.Model):
    _inherit = "crm.client.indicator"

    def _refresh(self, company, today=None):
        """The statuses follow the indicators each time they are refreshed."""
        result = super()._refresh(company, today=today)
        self.env["crm.client.status.rule"]._client_apply(company, today=today)
        return result
