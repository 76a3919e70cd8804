from odoo import _, api, fields, models
from odoo.exceptions import UserError

DIALLABLE_MODELS = ("res.partner", "crm.lead", "crm.interaction")


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
        """Call `number` from the current user's phone, for the record it was dialled from."""
        if res_model not in DIALLABLE_MODELS:
            raise UserError(_("Calls cannot be started from this kind of record."))
        record = self.env[res_model].browse(res_id).exists()
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
        values = {"parent_id": record.id}
        if record.partner_id:
            values["partner_id"] = record.partner_id.id
        if record.lead_id:
            values["lead_id"] = record.lead_id.id
        return values
