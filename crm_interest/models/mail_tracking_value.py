from odoo import models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _tracking_value_format_model(self, model):
        """A tracked selection is stored as its label in the language of whoever made the
        change (the demo data: English): show it in the reader's language, as the field's
        own label of that value (Manual stage moves -> Ручной переход по этапам)."""
        formatted = super()._tracking_value_format_model(model)
        if not model or model not in self.env or self.env.lang in (None, "en_US"):
            return formatted
        trackings = self.browse(item["id"] for item in formatted)
        selections = {
            tracking.id: tracking.field_id.name
            for tracking in trackings
            if tracking.field_id.ttype == "selection"
        }
        if not selections:
            return formatted
        Model = self.env[model]
        relabel = {}
        for name in set(selections.values()):
            field = Model._fields.get(name)
            if field is None or field.type != "selection":
                continue
            english = field._description_selection(
                self.env(context={**self.env.context, "lang": "en_US"})
            )
            own = dict(field._description_selection(self.env))
            relabel[name] = {label: own.get(value, label) for value, label in english}
        for item in formatted:
            labels = relabel.get(selections.get(item["id"]))
            if labels:
                for key in ("oldValue", "newValue"):
                    item[key] = labels.get(item[key], item[key])
        return formatted
