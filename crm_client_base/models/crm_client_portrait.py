from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PORTRAIT_FIELD_TYPES = (
    "selection", "many2one", "many2many", "char", "boolean", "integer", "float", "monetary",
)  # fmt: skip
NUMERIC = ("integer", "float", "monetary")


class CrmClientPortraitLine(models.Model):
    """One property of the client's portrait (Портрет клиента): a partner field with its weight
    and the points each of its values (or ranges, for numbers) is worth. A client's score is the
    sum of weight x points over the lines; his sales potential (Потенциал продаж) is the score
    times the company's amount per point."""

    _name = "crm.client.portrait.line"
    _description = "Client Portrait Property"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Partner Field",
        required=True,
        ondelete="cascade",
        domain=[("model", "=", "res.partner"), ("store", "=", True),
                ("ttype", "in", PORTRAIT_FIELD_TYPES)],
    )  # fmt: skip
    field_type = fields.Selection(related="field_id.ttype", string="Field Type")
    weight = fields.Float(default=1.0, required=True)
    value_ids = fields.One2many("crm.client.portrait.value", "line_id", string="Values")

    _field_unique = models.Constraint(
        "UNIQUE(company_id, field_id)", "Each partner field appears once in the portrait."
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._client_portrait_changed()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self._client_portrait_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._client_portrait_changed()
        return res

    def _client_portrait_changed(self):
        """Every client's score follows the new portrait, in the background (a cron run)."""
        self.env.registry.clear_cache()  # the partner fields the portrait reads
        self.env.ref("crm_client_base.ir_cron_client_portrait").sudo()._trigger()

    @api.depends("field_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.field_id.sudo().field_description or ""

    def _client_values_of(self, partner):
        """The values of the partner's field as the portrait compares them: the names of
        the records of a relation, the label and the key of a choice, the text, the number."""
        self.ensure_one()
        name, kind = self.field_id.name, self.field_id.ttype
        value = partner[name]
        if kind in NUMERIC:
            return [value]
        if kind in ("many2one", "many2many"):
            # a tag or an industry reads in every language of the base ("Production",
            # "Производство"): the consultant may have written either
            return [
                record.with_context(lang=lang).display_name.strip().lower()
                for record in value
                for lang in self._client_languages()
            ]
        if kind == "boolean":
            return ["yes" if value else "no"]
        if kind == "selection":
            labels = dict(partner._fields[name]._description_selection(partner.env))
            return [str(value).lower(), str(labels.get(value, "")).lower()] if value else []
        return [value.strip().lower()] if value else []

    @api.model
    def _client_languages(self):
        return [code for code, _name in self.env["res.lang"].get_installed()]

    def _client_points(self, partner):
        """The points the partner's value is worth on this line (the best matching value)."""
        self.ensure_one()
        values = self._client_values_of(partner)
        if self.field_id.ttype in NUMERIC and not values[0]:
            return 0.0  # a number left at zero is not filled in (as for completeness)
        best = 0.0
        for rule in self.value_ids:
            if self.field_id.ttype in NUMERIC:
                number = values[0]
                if number >= rule.min_value and (not rule.max_value or number < rule.max_value):
                    best = max(best, rule.points)
            elif (rule.value or "").strip().lower() in values:
                best = max(best, rule.points)
        return best


class CrmClientPortraitValue(models.Model):
    _name = "crm.client.portrait.value"
    _description = "Client Portrait Value"
    _order = "line_id, points desc, id"

    line_id = fields.Many2one(
        "crm.client.portrait.line", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    value = fields.Char(
        help="The value as the card shows it: a tag, an industry, a region, a choice, yes or "
        "no. For numbers, give the range instead.",
    )
    min_value = fields.Float("From", help="Numbers: the range starts here (included).")
    max_value = fields.Float("To", help="Numbers: the range ends before this (0: no end).")
    points = fields.Float(required=True, default=1.0)

    @api.model_create_multi
    def create(self, vals_list):
        values = super().create(vals_list)
        values.line_id._client_portrait_changed()
        return values

    def write(self, vals):
        res = super().write(vals)
        self.line_id._client_portrait_changed()
        return res

    def unlink(self):
        lines = self.line_id
        res = super().unlink()
        lines._client_portrait_changed()
        return res

    @api.constrains("value", "min_value", "max_value")
    def _check_value(self):
        for rule in self:
            numeric = rule.line_id.field_id.ttype in NUMERIC
            if not numeric and not (rule.value or "").strip():
                raise ValidationError(
                    _("Portrait property %s: give the value its points are for.",
                      rule.line_id.display_name)
                )  # fmt: skip
            if numeric and rule.max_value and rule.max_value <= rule.min_value:
                raise ValidationError(
                    _("Portrait property %s: a range ends after it starts.",
                      rule.line_id.display_name)
                )  # fmt: skip
