from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class CrmClientQuality(models.Model):
    """The quality of the client base (Показатель «Качество клиентской базы»), measured once a
    month per salesperson and company: the share of clients with a complete portrait, valid
    contact information (a phone that reads as a number or an e-mail that reads as an address)
    and a responsible. A row without salesperson counts the clients nobody is responsible for."""

    _name = "crm.client.quality"
    _description = "Client Base Quality"
    _order = "month desc, company_id, user_id"

    month = fields.Date(required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", index=True, readonly=True)
    clients = fields.Integer(readonly=True, aggregator="sum")
    complete_portrait = fields.Integer("With Complete Portrait", readonly=True, aggregator="sum")
    valid_contact = fields.Integer("With Valid Contacts", readonly=True, aggregator="sum")
    with_responsible = fields.Integer("With a Responsible", readonly=True, aggregator="sum")
    good = fields.Integer(
        "Good Cards", readonly=True, aggregator="sum",
        help="Clients with a complete portrait, valid contacts and a responsible.",
    )  # fmt: skip
    quality = fields.Float(
        "Quality (%)", readonly=True, aggregator="avg",
        help="The share of good cards among the clients.",
    )  # fmt: skip

    _month_user_unique = models.UniqueIndex(
        "(month, company_id, COALESCE(user_id, 0))",
        "The quality is measured once a month per salesperson.",
    )

    @api.model
    def _measure(self, month=None):
        """This month's rows (replaced when measured again), in one SQL statement."""
        month = (month or fields.Date.context_today(self)).replace(day=1)
        self.env["res.partner"].flush_model()
        self.env.cr.execute(
            SQL(
                """INSERT INTO crm_client_quality AS q
                        (month, company_id, user_id, clients, complete_portrait, valid_contact,
                         with_responsible, good, quality, create_uid, create_date, write_uid,
                         write_date)
                   SELECT %(month)s, c.company, c.user_id, COUNT(*),
                          COUNT(*) FILTER (WHERE c.complete), COUNT(*) FILTER (WHERE c.contact),
                          COUNT(*) FILTER (WHERE c.user_id IS NOT NULL),
                          COUNT(*) FILTER (WHERE c.complete AND c.contact AND c.user_id IS NOT NULL),
                          100.0 * COUNT(*) FILTER (
                              WHERE c.complete AND c.contact AND c.user_id IS NOT NULL
                          ) / COUNT(*),
                          %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                     FROM (SELECT COALESCE(p.company_id, %(company)s) AS company, p.user_id,
                                  COALESCE(p.client_portrait_complete, FALSE) AS complete,
                                  (p.phone_sanitized IS NOT NULL OR p.email_normalized IS NOT NULL)
                                      AS contact
                             FROM res_partner p
                            WHERE p.active AND p.parent_id IS NULL AND p.is_company) c
                 GROUP BY c.company, c.user_id
              ON CONFLICT (month, company_id, (COALESCE(user_id, 0))) DO UPDATE
                      SET clients = EXCLUDED.clients,
                          complete_portrait = EXCLUDED.complete_portrait,
                          valid_contact = EXCLUDED.valid_contact,
                          with_responsible = EXCLUDED.with_responsible,
                          good = EXCLUDED.good, quality = EXCLUDED.quality,
                          write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date""",
                month=month,
                uid=self.env.uid,
                company=self.env.company.id,
            )
        )
        self.invalidate_model()

    def action_measure_now(self):
        """Measure this month again (the sales managers, from the report)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only a sales manager measures the quality of the client base."))
        self.sudo()._measure()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
