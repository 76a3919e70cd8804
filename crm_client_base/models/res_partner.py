from odoo import _, api, fields, models
from odoo.exceptions import RedirectWarning, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, create_index

from ..pure import company_numbers

SIMILAR_LIMIT = 8
# the card's history (Сохранение истории изменения карточек): who changed what and when
TRACKED = (
    "name", "vat", "kpp", "ogrn", "street", "street2", "city", "zip", "state_id", "country_id",
    "phone", "email", "user_id",
)  # fmt: skip


class ResPartner(models.Model):
    _inherit = "res.partner"

    name = fields.Char(tracking=True)
    vat = fields.Char(tracking=True)
    street = fields.Char(tracking=True)
    street2 = fields.Char(tracking=True)
    city = fields.Char(tracking=True)
    zip = fields.Char(tracking=True)
    state_id = fields.Many2one(tracking=True)
    country_id = fields.Many2one(tracking=True)
    phone = fields.Char(tracking=True)
    email = fields.Char(tracking=True)
    user_id = fields.Many2one(tracking=True)
    kpp = fields.Char(
        "KPP", tracking=True, copy=False,
        help="The tax registration reason code (КПП) of a Russian company: 9 characters.",
    )  # fmt: skip
    ogrn = fields.Char(
        "OGRN", tracking=True, copy=False,
        help="The primary state registration number (ОГРН, 13 digits; ОГРНИП of an "
        "individual entrepreneur, 15 digits).",
    )  # fmt: skip
    client_similar_ids = fields.Many2many(
        "res.partner",
        compute="_compute_client_similar_ids",
        string="Similar Cards",
        help="Cards with the same INN, phone or e-mail, or a name that reads the same.",
    )

    def init(self):
        super().init()
        # the INN as written ("7707 083893", "7707-083893") found by its digits
        create_index(
            self.env.cr,
            "res_partner_client_base_inn_index",
            self._table,
            ["translate(vat, ' -', '')"],
            where="vat IS NOT NULL",
        )

    # ------------------------------------------------------------------ numbers

    def _client_base_is_russian(self):
        self.ensure_one()
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        return country.code == "RU"

    @api.constrains("vat", "kpp", "ogrn", "country_id")
    def _check_client_base_numbers(self):
        for partner in self:
            problems = []
            if partner.vat and partner.vat != "/" and partner._client_base_is_russian():
                problem = company_numbers.inn_problem(partner.vat)
                if problem:
                    problems.append(partner._client_base_inn_words(problem))
            if partner.kpp and company_numbers.kpp_problem(partner.kpp):
                problems.append(
                    _("KPP %s: a KPP has 9 characters, 4 digits, 2 digits or capital Latin "
                      "letters, 3 digits.", partner.kpp)
                )  # fmt: skip
            if partner.ogrn:
                problem = company_numbers.ogrn_problem(partner.ogrn)
                if problem == "length":
                    problems.append(
                        _("OGRN %s: an OGRN has 13 digits, an OGRNIP 15.", partner.ogrn)
                    )
                elif problem:
                    problems.append(
                        _("OGRN %s: its check digit does not match, it is mistyped.", partner.ogrn)
                    )
            if problems:
                raise ValidationError(
                    _(
                        "%(card)s: %(problems)s",
                        card=partner.display_name,
                        problems=" ".join(problems),
                    )
                )

    def _client_base_inn_words(self, problem):
        return {
            "chars": _("INN %s: an INN has digits only.", self.vat),
            "length": _("INN %s: an INN has 10 digits (a company) or 12 (a person).", self.vat),
            "check": _("INN %s: its check digits do not match, it is mistyped.", self.vat),
        }[problem]

    # ------------------------------------------------------------------ duplicates

    def _client_base_same_inn(self, partner):
        """Companies (other than `partner`) with its INN and KPP (a branch has the INN of its
        head office and a KPP of its own), in its company or shared: the superuser's view, a
        card the user may not read is a duplicate all the same."""
        inn = company_numbers.compact(partner.vat)
        self.env.cr.execute(
            SQL(
                """SELECT id FROM res_partner
                    WHERE translate(vat, ' -', '') = %(inn)s AND vat IS NOT NULL
                      AND is_company AND active AND id != %(id)s
                      AND COALESCE(kpp, '') = %(kpp)s
                      AND (company_id IS NULL OR %(company)s IS NULL OR company_id = %(company)s)
                    ORDER BY id LIMIT 1""",
                inn=inn,
                id=partner.id or 0,
                kpp=company_numbers.compact(partner.kpp).upper(),
                company=partner.company_id.id or None,
            )
        )
        return self.sudo().browse([row[0] for row in self.env.cr.fetchall()])

    @api.constrains("vat", "kpp", "is_company", "active", "company_id")
    def _check_client_base_unique_inn(self):
        self.flush_model(["vat", "kpp", "is_company", "active", "company_id"])
        for partner in self.filtered(lambda p: p.is_company and p.active and p.vat):
            if company_numbers.compact(partner.vat) in ("", "/"):
                continue
            existing = self._client_base_same_inn(partner)
            if not existing:
                continue
            message = _(
                "A client with INN %(inn)s already exists: %(name)s. Open the existing card "
                "instead of creating a second one (a branch has a KPP of its own).",
                inn=partner.vat,
                name=existing.display_name,
            )
            if self.env.context.get("import_file"):
                raise ValidationError(message)
            raise RedirectWarning(
                message,
                {
                    "type": "ir.actions.act_window",
                    "res_model": "res.partner",
                    "res_id": existing.id,
                    "views": [(False, "form")],
                },
                _("Open the Existing Card"),
            )

    @api.depends("name", "vat", "phone", "email", "is_company")
    def _compute_client_similar_ids(self):
        for partner in self:
            partner.client_similar_ids = partner._client_base_similar()

    def _client_base_similar(self):
        """Cards the user may read that look like this one: the same INN, phone (its sanitized
        form) or e-mail, or a name that reads the same without its legal form and quotes.
        Its own contacts and company are not counted."""
        self.ensure_one()
        own = self._origin
        family = own | own.child_ids | own.parent_id if own else own
        conditions = []
        inn = company_numbers.compact(self.vat)
        if inn and inn != "/":
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE translate(vat, ' -', '') = %s LIMIT 50",
                    inn,
                )
            )
            conditions.append([("id", "in", [row[0] for row in self.env.cr.fetchall()])])
        if self.phone_sanitized:
            conditions.append([("phone_sanitized", "=", self.phone_sanitized)])
        if self.email_normalized:
            conditions.append([("email_normalized", "=", self.email_normalized)])
        name = company_numbers.normalized_name(self.name)
        words = name.split()
        if words and len(max(words, key=len)) >= 3:
            conditions.append([("name", "ilike", max(words, key=len))])
        if not conditions:
            return self.browse()
        candidates = self.search(
            Domain.AND([[("id", "not in", family.ids)], Domain.OR(conditions)]), limit=50
        )
        similar = candidates.filtered(
            lambda p: (
                (inn and company_numbers.compact(p.vat) == inn)
                or (self.phone_sanitized and p.phone_sanitized == self.phone_sanitized)
                or (self.email_normalized and p.email_normalized == self.email_normalized)
                or (name and company_numbers.normalized_name(p.name) == name)
            )
        )
        return similar[:SIMILAR_LIMIT]

    # ------------------------------------------------------------------ key persons

    client_key_person = fields.Boolean(
        "Key Person", tracking=True,
        help="A person whose word counts in the client's decisions (Ключевое лицо).",
    )  # fmt: skip
    client_decision_role = fields.Selection(
        [
            ("decision_maker", "Makes the decision"),
            ("budget", "Approves the budget"),
            ("influencer", "Influences the decision"),
            ("user", "Uses the product"),
            ("gatekeeper", "Controls access"),
        ],
        "Role in Decisions",
        tracking=True,
    )
    client_key_person_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Key Persons",
        domain=[("client_key_person", "=", True)],
    )
