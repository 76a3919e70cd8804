from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmInteractionWrapUp(models.TransientModel):
    _name = "crm.interaction.wrap.up"
    _description = "Call Result"

    interaction_id = fields.Many2one("crm.interaction", required=True, ondelete="cascade")
    result_id = fields.Many2one("crm.softphone.result", "Result", required=True)
    note = fields.Text(compute="_compute_note", store=True, readonly=False)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # only who may change the call may give its result
        wizards.interaction_id.check_access("write")
        return wizards

    @api.depends("interaction_id")
    def _compute_note(self):
        for wizard in self:
            wizard.note = wizard.interaction_id.result

    def action_save(self):
        """Save the result: the call is done, its reminder closed."""
        self.ensure_one()
        call = self.interaction_id
        if not call.call_uid:
            raise UserError(_("Only calls registered from the PBX take a call result."))
        call.write({"call_result_id": self.result_id.id, "result": self.note})
        call.sudo()._softphone_activities()
        return {"type": "ir.actions.act_window_close"}
