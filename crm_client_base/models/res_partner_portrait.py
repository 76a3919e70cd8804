from odoo import api, fields, models, tools
from odoo.tools import SQL

BATCH = 2000


class ResCompany(models.Model):
    _inherit = "res.company"

    client_point_value = fields.Monetary(
        "Sales Potential per Point",
        default=10000.0,
        help="A client's sales potential is his portrait score times this amount.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_point_value = fields.Monetary(related="company_id.client_point_value", readonly=False)


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_portrait_score = fields.Float("Portrait Score", readonly=True, copy=False)
    client_potential = fields.Monetary(
        "Sales Potential", currency_field="client_potential_currency_id", readonly=True,
        copy=False, help="The portrait score times the company's amount per point.",
    )  # fmt: skip
    client_potential_currency_id = fields.Many2one("res.currency", readonly=True, copy=False)
    client_portrait_complete = fields.Boolean(
        "Complete Portrait", readonly=True, copy=False,
        help="Every property of the client portrait is filled in on the card.",
    )  # fmt: skip

    def _client_portrait_lines(self, company):
        return self.env["crm.client.portrait.line"].sudo().search([("company_id", "=", company.id)])

    @tools.ormcache()
    def _client_portrait_field_names(self):
        """The partner fields some company's portrait reads (cleared when a portrait
        changes)."""
        lines = self.env["crm.client.portrait.line"].sudo().search([])
        return frozenset(lines.field_id.mapped("name"))

    def write(self, vals):
        res = super().write(vals)
        if (set(vals) & self._client_portrait_field_names()) or "company_id" in vals:
            self.commercial_partner_id._client_base_refresh_portrait()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered(lambda p: not p.parent_id)._client_base_refresh_portrait()
        return partners

    def _client_base_refresh_portrait(self):
        """Score, potential and completeness of these clients from their company's portrait,
        written in batches of SQL (no tracking: they are figures, not card data)."""
        clients = self.sudo().filtered(lambda p: not p.parent_id)
        by_company = {}
        for client in clients:
            company = client.company_id or self.env.company
            by_company.setdefault(company, clients.browse())
            by_company[company] |= client
        for company, partners in by_company.items():
            lines = self._client_portrait_lines(company)
            names = lines.field_id.mapped("name")
            for start in range(0, len(partners), BATCH):
                batch = partners[start : start + BATCH]
                rows = []
                for partner in batch:
                    score = sum(line.weight * line._client_points(partner) for line in lines)
                    complete = bool(lines) and all(
                        partner._fields[name].type == "boolean" or partner[name] for name in names
                    )
                    rows.append(
                        SQL(
                            "(%s, %s, %s, %s, %s)",
                            partner.id,
                            score,
                            score * company.client_point_value,
                            company.currency_id.id,
                            complete,
                        )
                    )
                self.env.cr.execute(
                    SQL(
                        """UPDATE res_partner p
                              SET client_portrait_score = v.score,
                                  client_potential = v.potential,
                                  client_potential_currency_id = v.currency,
                                  client_portrait_complete = v.complete
                             FROM (VALUES %s) AS v(id, score, potential, currency, complete)
                            WHERE p.id = v.id""",
                        SQL(", ").join(rows),
                    )
                )
        self.invalidate_model(
            ["client_portrait_score", "client_potential", "client_potential_currency_id",
             "client_portrait_complete"]
        )  # fmt: skip

    @api.model
    def _cron_client_base_portrait(self):
        """Every night (and when the portrait changes): every client's score again, in
        committed batches."""
        self.env["ir.cron"]._crm_run_batches(
            "client_portrait",
            self.with_context(active_test=False),
            [("parent_id", "=", False)],
            lambda clients: clients._client_base_refresh_portrait(),
        )
