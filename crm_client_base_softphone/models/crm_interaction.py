from odoo import models


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    def _softphone_popup_extend(self, payload):
        """The caller's client's key persons, read with the rights of the popup's user."""
        payload = super()._softphone_popup_extend(payload)
        payload["key_persons"] = []
        client = payload.get("client")
        if not client:
            return payload
        company = self.env["res.partner"].browse(client["id"]).commercial_partner_id
        persons = company.client_key_person_ids._filtered_access("read")
        roles = dict(persons._fields["client_decision_role"]._description_selection(self.env))
        payload["key_persons"] = [
            {
                "id": person.id,
                "name": person.name,
                "role": roles.get(person.client_decision_role, ""),
                "function": person.function or "",
            }
            for person in persons
        ]
        return payload
