from odoo import api, fields, models
from odoo.tools import SQL, create_index, index_exists

from ..pure import phone

BATCH = 10000
KEYS = ("phone_e164", "phone_nsn", "phone_e164_other", "phone_nsn_other")
OTHER_KEYS = KEYS[2:]
# a phone field that may hold several numbers (pure.phone.numbers splits them)
SEVERAL_NUMBERS_HINT = r"[,;/|\n]|\s(или|or)\s"


def key_values(raw, country):
    """The four keys of a phone field: those of its first number, those of the others."""
    pairs = phone.all_keys(raw, country) or [(None, None)]
    others = pairs[1:]
    return (
        *pairs[0],
        " ".join(e164 for e164, __ in others) or None,
        " ".join(nsn for __, nsn in others) or None,
    )


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
    # a phone field holding several numbers ("+7 495 123-45-67, +7 916 000-00-00"): the keys
    # of the others, separated by spaces (GIN-indexed as arrays, see init)
    phone_e164_other = fields.Char(
        "Other Phone Match Keys", readonly=True, copy=False,
        help="The other numbers of the phone field in E.164 form, for recognising callers.",
    )  # fmt: skip
    phone_nsn_other = fields.Char(
        "Other Phone National Keys", readonly=True, copy=False,
        help="The national significant numbers of the other numbers of the phone field.",
    )  # fmt: skip

    def init(self):
        super().init()
        cr = self.env.cr
        if not index_exists(cr, f"res_partner_{OTHER_KEYS[0]}_gin"):
            # the update that brings the other numbers' keys: a database whose keys were filled
            # when a field held one number gets them for the fields that may hold several
            # (plain SQL: init also runs while other modules' tables are being updated)
            cr.execute(
                SQL(
                    """SELECT c.code FROM res_company co
                         JOIN res_partner p ON p.id = co.partner_id
                         JOIN res_country c ON c.id = p.country_id
                     ORDER BY co.id LIMIT 1"""
                )
            )
            row = cr.fetchone()
            self._softphone_fill_keys_sql(
                row and row[0],
                SQL("p.phone_e164_other IS NULL AND p.phone ~ %s", SEVERAL_NUMBERS_HINT),
            )
        for column in OTHER_KEYS:
            create_index(
                cr,
                f"res_partner_{column}_gin",
                self._table,
                [f"string_to_array({column}, ' ')"],
                method="gin",
                where=f"{column} IS NOT NULL",
            )

    def _softphone_country(self):
        self.ensure_one()
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        return country.code or None

    def _softphone_update_keys(self):
        for partner in self:
            values = dict(
                zip(KEYS, key_values(partner.phone, partner._softphone_country()), strict=True)
            )
            if any((partner[key] or None) != value for key, value in values.items()):
                super(ResPartner, partner).write(values)

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
        self.flush_model(["phone", "country_id", "company_id", *KEYS])
        self._softphone_fill_keys_sql(default)
        self.invalidate_model(list(KEYS))

    @api.model
    def _softphone_fill_keys_sql(self, default, only=None):
        """The SQL of `_softphone_fill_keys`: partners `only` (an SQL condition on the partner
        `p`) or all, `default` the country code of numbers of partners without a country."""
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
                        WHERE p.id > %s AND p.phone IS NOT NULL AND p.phone != '' AND %s
                     ORDER BY p.id LIMIT %s""",
                    last_id,
                    only or SQL("TRUE"),
                    BATCH,
                )
            )
            rows = cr.fetchall()
            if not rows:
                break
            last_id = rows[-1][0]
            values = []
            for partner_id, raw, code in rows:
                keys = key_values(raw, code or default)
                if keys[0]:
                    values.append(SQL("(%s, %s, %s, %s, %s)", partner_id, *keys))
            if values:
                cr.execute(
                    SQL(
                        """UPDATE res_partner p
                              SET phone_e164 = v.e164, phone_nsn = v.nsn,
                                  phone_e164_other = v.e164_other, phone_nsn_other = v.nsn_other
                             FROM (VALUES %s) AS v(id, e164, nsn, e164_other, nsn_other)
                            WHERE p.id = v.id""",
                        SQL(", ").join(values),
                    )
                )

    def action_softphone_call(self):
        """Click-to-dial from the client or contact card."""
        self.ensure_one()
        return self.env["crm.softphone.dial"].dial_from(self.phone, self._name, self.id)
