from odoo import _, api, fields, models
from odoo.exceptions import UserError

# links of a call that never name the record a call was dialled from (the user's phone, the
# company, the team, the PBX...)
NOT_SUBJECT_FIELDS = {
    "user_id",
    "company_id",
    "team_id",
    "partner_id",
    "parent_id",
    "softphone_pbx_id",
    "call_result_id",
    "create_uid",
    "write_uid",
}


class CrmSoftphoneDial(models.Model):
    """A call a user started from a record (click-to-dial), waiting for the PBX's call."""

    _name = "crm.softphone.dial"
    _description = "Click-to-Dial Request"
    _order = "id desc"

    pbx_id = fields.Many2one("crm.softphone.pbx", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    number_e164 = fields.Char(required=True, index=True)
    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)

    @api.model
    def dial_from(self, number, res_model, res_id):
        """Call `number` from the current user's phone, for the record it was dialled from.

        Any phone field of any record the user may read dials (Odoo's phone widget); the call
        is then tied to that record."""
        if not isinstance(res_model, str) or res_model not in self.env:
            raise UserError(_("Calls cannot be started from this kind of record."))
        Model = self.env[res_model]
        if Model._abstract or Model._transient or not isinstance(res_id, int):
            raise UserError(_("Calls cannot be started from this kind of record."))
        record = Model.browse(res_id).exists()
        if not record:
            raise UserError(_("The record to call from does not exist any more."))
        record.check_access("read")
        user = self.env.user
        extension = (
            self.env["crm.softphone.extension"]
            .sudo()
            .search([("user_id", "=", user.id), ("pbx_id.active", "=", True)], limit=1)
        )
        if not extension:
            raise UserError(_("You have no extension: ask your administrator to give you one."))
        __, e164 = extension.pbx_id.softphone_dial(user, number)
        self.sudo().create(
            {
                "pbx_id": extension.pbx_id.id,
                "user_id": user.id,
                "number_e164": e164,
                "res_model": res_model,
                "res_id": res_id,
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _("Calling %s...", number),
                "sticky": False,
            },
        }

    def _interaction_values(self):
        """What the outgoing call takes from the record it was dialled from."""
        self.ensure_one()
        record = self.env[self.res_model].sudo().browse(self.res_id).exists()
        if not record:
            return {}
        if self.res_model == "res.partner":
            client = record.commercial_partner_id
            return {
                "partner_id": client.id,
                "contact_ids": [fields.Command.set((record - client).ids)],
                "call_match_ids": [fields.Command.clear()],
            }
        if self.res_model == "crm.lead":
            values = {"lead_id": record.id}
            if record.partner_id:
                values["partner_id"] = record.partner_id.commercial_partner_id.id
            return values
        if self.res_model == "crm.interaction":
            values = {"parent_id": record.id}
            if record.partner_id:
                values["partner_id"] = record.partner_id.id
            if record.lead_id:
                values["lead_id"] = record.lead_id.id
            return values
        # any other record: its client, and the call's own link to that kind of record (a
        # claim's claim_id) when the call has one
        values = {}
        Interaction = self.env["crm.interaction"]
        for name, field in Interaction._fields.items():
            if (
                field.type == "many2one"
                and field.comodel_name == self.res_model
                and field.store
                and name not in NOT_SUBJECT_FIELDS
            ):
                values[name] = record.id
                break
        partner = record._fields.get("partner_id")
        if partner and partner.type == "many2one" and partner.comodel_name == "res.partner":
            contact = record.partner_id
            if contact:
                client = contact.commercial_partner_id
                values["partner_id"] = client.id
                values["contact_ids"] = [fields.Command.set((contact - client).ids)]
                values["call_match_ids"] = [fields.Command.clear()]
        return values
