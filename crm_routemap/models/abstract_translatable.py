from odoo import models

# Translating a frozen map's texts (its name, point names and descriptions, answers) is no
# change of the map. The mark is an object: no RPC call can put it in a context.
TRANSLATING = object()


def translating(env):
    return env.context.get("routemap_translating") is TRANSLATING


class RoutemapTranslatable(models.AbstractModel):
    """Translations reach a frozen map (Odoo writes the field back while translating)."""

    _name = "crm.routemap.translatable"
    _description = "Route Map Translatable Texts"

    def _update_field_translations(self, field_name, translations, source_lang=""):
        return super(
            RoutemapTranslatable, self.with_context(routemap_translating=TRANSLATING)
        )._update_field_translations(field_name, translations, source_lang=source_lang)
