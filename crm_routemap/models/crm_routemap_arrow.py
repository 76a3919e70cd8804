from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval, test_python_expr

from ..pure import conditions

# what a domain's text may name besides literals: dates, never a record
_DOMAIN_NAMES = {
    "datetime": safe_datetime,
    "relativedelta": dateutil.relativedelta.relativedelta,
}


class CrmRoutemapArrow(models.Model):
    _name = "crm.routemap.arrow"
    _inherit = ["crm.routemap.translatable"]
    _description = "Route Map Arrow"
    _order = "routemap_id, id"

    routemap_id = fields.Many2one(
        "crm.routemap", string="Route Map", required=True, ondelete="cascade", index=True
    )
    element_id = fields.Char(string="Element", required=True, readonly=True)
    name = fields.Char(string="Answer / Label", translate=True)
    source_id = fields.Many2one("crm.routemap.point", string="From", ondelete="cascade", index=True)
    target_id = fields.Many2one("crm.routemap.point", string="To", ondelete="cascade")
    source_kind = fields.Selection(related="source_id.kind", string="From Kind")
    condition_model = fields.Char(related="routemap_id.object_model", string="Condition Model")
    condition = fields.Char(
        help="For an arrow leaving a condition: a domain over the fields of the record the map "
        "drives (the interest), e.g. expected revenue above 100,000. It only reads fields, with "
        "the rights of the user whose action reaches the condition.",
    )
    condition_code = fields.Text(
        string="Python Condition",
        help="Instead of the domain, a Python expression over `object`: only a system "
        "administrator may write it. It runs with the rights of the user whose action reaches "
        "the condition.",
    )
    is_default = fields.Boolean(
        string="Default", help="Taken when no condition of the other arrows holds."
    )

    _element_unique = models.Constraint(
        "UNIQUE(routemap_id, element_id)", "An arrow appears once per map."
    )

    def _compute_display_name(self):
        for arrow in self:
            arrow.display_name = arrow.name or (f"{arrow.source_id.name} → {arrow.target_id.name}")

    # ------------------------------------------------------------------ conditions

    def _routemap_label(self):
        """How the user knows the arrow: its answer, else from -> to, else its element."""
        self.ensure_one()
        return self.display_name if self.name or self.source_id else self.element_id

    @api.model
    def _routemap_check_code_rights(self, label):
        """Only a system administrator writes Python; anyone else is told in plain words."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        raise AccessError(
            _(
                'Arrow "%s": only a system administrator may set a Python condition. Write the '
                "condition as a domain over the record's fields instead.",
                label,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            label = vals.get("name") or vals.get("element_id")
            self._routemap_check_domain(vals.get("condition"), label)
            if vals.get("condition_code"):
                self._routemap_check_code_rights(label)
        return super().create(vals_list)

    def write(self, vals):
        self.routemap_id._routemap_check_draft()
        if vals.get("condition"):
            for arrow in self:
                arrow._routemap_check_domain(vals["condition"], arrow._routemap_label())
        if "condition_code" in vals:
            for arrow in self:
                if (arrow.condition_code or "").strip() != (vals["condition_code"] or "").strip():
                    self._routemap_check_code_rights(arrow._routemap_label())
        return super().write(vals)

    @api.model
    def _routemap_check_domain(self, text, label):
        """The domain field holds a domain or nothing: Python never gets in through it."""
        if text and not conditions.is_domain(text):
            raise ValidationError(
                _(
                    'Arrow "%s": a condition is a domain over the record\'s fields, e.g. '
                    '[("expected_revenue", ">", 100000)]. A Python expression is a '
                    "system administrator's Python Condition.",
                    label,
                )
            )

    def _routemap_condition_text(self):
        """The arrow's condition as the engine and the BPMN file carry it."""
        self.ensure_one()
        return (self.condition_code or self.condition or "").strip()

    @api.model
    def _routemap_domain(self, text):
        """The Domain a condition's text stands for (its text names dates only)."""
        return Domain(safe_eval(text, dict(_DOMAIN_NAMES)))

    @api.model
    def _routemap_condition_problem(self, text, model):
        """Why the condition `text` (domain or Python) cannot run over `model`, or False."""
        if conditions.is_domain(text):
            try:
                self._routemap_domain(text).validate(self.env[model])
            except Exception as error:  # any error makes the domain unusable: say so
                return str(error) or type(error).__name__
            return False
        try:
            return test_python_expr(text, mode="eval")
        except NameError as error:  # a forbidden name (dunder, __import__...)
            return str(error)
