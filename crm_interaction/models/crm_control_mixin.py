from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

CONTROLS = [
    ("contact", "Contact Information Completeness"),
    ("registration", "Client Registration"),
    ("properties", "Properties Completeness"),
    ("fullname", "Full Name Completeness"),
]
PARTNER_CONTROLS = ("contact", "properties", "fullname")
# the kinds of partner fields a properties control may check
PROPERTY_FIELD_TYPES_EXCLUDED = ("one2many", "binary", "boolean", "properties")


class CrmControlMixin(models.AbstractModel):
    """What a control checks: shared by the control wizard and the tasks it creates."""

    _name = "crm.control.mixin"
    _description = "Control Settings"

    control = fields.Selection(CONTROLS, required=True, default="contact")
    check_email = fields.Boolean("Email", default=True)
    check_phone = fields.Boolean("Phone", default=True)
    check_address = fields.Boolean("Address", help="Street and city.")
    check_website = fields.Boolean("Website")
    check_tags = fields.Boolean("Tags", help="The client has at least one tag.")
    # The schema (ir.model.fields) is for the sales administrators who choose what to check;
    # the salesmen see the names (read as superuser) and the control reads them the same way.
    property_field_ids = fields.Many2many(
        "ir.model.fields",
        string="Fields to Fill",
        domain="[('model', '=', 'res.partner'), ('store', '=', True), "
        "('ttype', 'not in', ('one2many', 'binary', 'boolean', 'properties'))]",
        groups="sales_team.group_sale_manager",
        help="Fields of the client portrait every client must have filled.",
    )
    property_field_names = fields.Char(
        "Fields to Fill (Names)",
        compute="_compute_property_field_names",
        compute_sudo=True,
        help="Fields of the client portrait every client must have filled.",
    )

    @api.depends("property_field_ids")
    def _compute_property_field_names(self):
        for record in self:
            record.property_field_names = ", ".join(
                record.property_field_ids.mapped("field_description")
            )

    def _check_settings(self):
        for record in self:
            if record.control == "contact" and not (
                record.check_email or record.check_phone or record.check_address
                or record.check_website
            ):  # fmt: skip
                raise UserError(_("Choose the contact information to check."))
            if record.control == "properties" and not (
                record.property_field_ids or record.check_tags
            ):
                raise UserError(_("Choose the fields or tags to check."))

    def _control_missing_domain(self):
        """Partners (or interactions, for client registration) that lack what is checked."""
        self.ensure_one()
        if self.control == "registration":
            return Domain("partner_id", "=", False) & Domain("kind", "in", ("call", "email"))
        if self.control == "fullname":
            return Domain("is_company", "=", False) & (
                Domain("surname", "=", False) | Domain("first_name", "=", False)
            )
        missing = []
        if self.control == "contact":
            if self.check_email:
                missing.append(Domain("email", "=", False))
            if self.check_phone:
                missing.append(Domain("phone", "=", False))
            if self.check_address:
                missing += [Domain("street", "=", False), Domain("city", "=", False)]
            if self.check_website:
                missing.append(Domain("website", "=", False))
        else:
            missing += [Domain(field.name, "=", False) for field in self.sudo().property_field_ids]
            if self.check_tags:
                missing.append(Domain("category_id", "=", False))
        return Domain.OR(missing) if missing else Domain.FALSE

    def _control_model(self):
        self.ensure_one()
        return "crm.interaction" if self.control == "registration" else "res.partner"


def scope_domain(scope, extra_domain):
    """Clients, contact persons or both, narrowed by a user-written domain."""
    domain = Domain("type", "=", "contact")
    if scope == "clients":
        domain &= Domain("parent_id", "=", False)
    elif scope == "contacts":
        domain &= Domain("parent_id", "!=", False) & Domain("is_company", "=", False)
    if extra_domain and extra_domain.strip() not in ("", "[]"):
        domain &= Domain(safe_eval(extra_domain))
    return domain
