from odoo import api, fields, models
from odoo.tools import SQL

from ..pure import phone

BATCH = 10000


class ResPartner(models.Model):
    _inherit = "res.partner"

    phone_e164 = fields.Char(
        "Phone Match Key", index="btree_not_null", readonly=True, copy=False,
        help="The phone in E.164 form, for recognising callers.",
    )  # fmt: skip
    phone_nsn = fields.Char(
        "Phone National Key", index="btree_not_null", readonly=True, copy=False,
        help="The national significant number of the phone, for the second lookup.",
    )  # fmt: skip

    def _softphone_country(self):
        self.ensure_one()
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        return country.code or None

    def _softphone_update_keys(self):
        for partner in self:
            e164, nsn = phone.keys(partner.phone, partner._softphone_country())
            if (partner.phone_e164 or None, partner.phone_nsn or None) != (e164, nsn):
                super(ResPartner, partner).write({"phone_e164": e164, "phone_nsn": nsn})

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("phone")._softphone_update_keys()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if {"phone", "country_id", "company_id"} & set(vals):
            self._softphone_update_keys()
        return res

    @api.model
    def _softphone_fill_keys(self):
        """Keys of every partner with a phone, in batches of SQL (install, big bases)."""
        default = self.env.company.country_id.code or None
        self.flush_model(["phone", "country_id", "company_id", "phone_e164", "phone_nsn"])
        cr = self.env.cr
        last_id = 0
        while True:
            cr.execute(
                SQL(
                    """SELECT p.id, p.phone, COALESCE(c.code, cc.code)
                         FROM res_partner p
                    LEFT JOIN res_country c ON c.id = p.country_id
                    LEFT JOIN res_company co ON co.id = p.company_id
                    LEFT JOIN res_partner cp ON cp.id = co.partner_id
                    LEFT JOIN res_country cc ON cc.id = cp.country_id
                        WHERE p.id > %s AND p.phone IS NOT NULL AND p.phone != ''
                     ORDER BY p.id LIMIT %s""",
                    last_id,
                    BATCH,
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            last_id = rows[-1][0]
            values = []
            for partner_id, raw, code in rows:
                e164, nsn = phone.keys(raw, code or default)
                if e164:
                    values.append(SQL("(%s, %s, %s)", partner_id, e164, nsn))
            if values:
                cr.execute(
                    SQL(
                        """UPDATE res_partner p SET phone_e164 = v.e164, phone_nsn = v.nsn
                             FROM (VALUES %s) AS v(id, e164, nsn) WHERE p.id = v.id""",
                        SQL(", ").join(values),
                    )
                )
        self.invalidate_model(["phone_e164", "phone_nsn"])

    def action_softphone_call(self):
        """Click-to-dial from the client or contact card."""
        self.ensure_one()
        return self.env["crm.softphone.dial"].dial_from(self.phone, self._name, self.id)
