from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import email_normalize
from odoo.tools.sql import escape_psql

DUPLICATES_SHOWN = 10


class CrmInteractionCreateContact(models.TransientModel):
    _name = "crm.interaction.create.contact"
    _description = "Create a Contact from an Interaction"

    interaction_id = fields.Many2one("crm.interaction", required=True, ondelete="cascade")
    contact_kind = fields.Selection(
        [
            ("company", "Company"),
            ("person", "Contact Person"),
            ("individual", "Individual"),
        ],
        string="Create",
        required=True,
        compute="_compute_contact_kind",
        store=True,
        readonly=False,
    )
    name = fields.Char(
        compute="_compute_from_interaction", store=True, readonly=False, required=True
    )
    phone = fields.Char(compute="_compute_from_interaction", store=True, readonly=False)
    email = fields.Char(compute="_compute_from_interaction", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.partner",
        string="Company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        domain="[('is_company', '=', True)]",
        help="The company the contact person works for.",
    )
    duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_duplicate_ids",
        help="Contacts that already have this phone, email or name: link one of them instead "
        "of creating a new card.",
    )
    existing_id = fields.Many2one(
        "res.partner",
        string="Existing Contact",
        compute="_compute_existing_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', duplicate_ids)]",
    )

    @api.depends("interaction_id")
    def _compute_contact_kind(self):
        for wizard in self:
            wizard.contact_kind = "person" if wizard.interaction_id.partner_id else "individual"

    @api.depends("interaction_id")
    def _compute_from_interaction(self):
        for wizard in self:
            interaction = wizard.interaction_id
            wizard.name = interaction.contact_name
            wizard.phone = interaction.phone
            wizard.email = interaction.email

    @api.depends("interaction_id")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.interaction_id.partner_id.commercial_partner_id.filtered(
                "is_company"
            )

    @api.depends("name", "phone", "email", "interaction_id")
    def _compute_duplicate_ids(self):
        Partner = self.env["res.partner"]
        for wizard in self:
            domains = []
            country = wizard.interaction_id.company_id.country_id or self.env.company.country_id
            number = wizard.phone and Partner._phone_format(number=wizard.phone, country=country)
            if number:
                domains.append(Domain("phone_sanitized", "=", number))
            email = email_normalize(wizard.email or "")
            if email:
                domains.append(Domain("email_normalized", "=", email))
            if wizard.name and wizard.name.strip():
                domains.append(Domain("name", "=ilike", escape_psql(wizard.name.strip())))
            wizard.duplicate_ids = (
                Partner.search(Domain.OR(domains), limit=DUPLICATES_SHOWN) if domains else Partner
            )

    @api.depends("duplicate_ids")
    def _compute_existing_id(self):
        for wizard in self:
            if wizard.existing_id not in wizard.duplicate_ids:
                wizard.existing_id = wizard.duplicate_ids[:1]

    def action_link_existing(self):
        """Link the chosen existing contact to the interaction instead of creating one."""
        self.ensure_one()
        partner = self.existing_id
        if not partner:
            raise UserError(_("Choose the existing contact to link."))
        company = partner.commercial_partner_id
        if company != partner:
            self.interaction_id.write(
                {"partner_id": company.id, "contact_ids": [fields.Command.link(partner.id)]}
            )
        else:
            self.interaction_id.partner_id = partner
        return self._action_open_partner(partner)

    def action_create(self):
        """Create the contact and link it to the interaction; open it."""
        self.ensure_one()
        interaction = self.interaction_id
        if self.contact_kind == "person" and not self.company_id:
            raise UserError(_("A contact person belongs to a company: choose the company."))
        partner = self.env["res.partner"].create(
            {
                "name": self.name,
                "phone": self.phone,
                "email": self.email,
                "is_company": self.contact_kind == "company",
                "parent_id": self.company_id.id if self.contact_kind == "person" else False,
                "user_id": interaction.user_id.id,
            }
        )
        if partner.name and self.contact_kind != "company":
            partner.action_fill_name_parts()
        if self.contact_kind == "person":
            interaction.write(
                {
                    "partner_id": self.company_id.id,
                    "contact_ids": [fields.Command.link(partner.id)],
                }
            )
        else:
            interaction.partner_id = partner
        return self._action_open_partner(partner)

    def _action_open_partner(self, partner):
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
