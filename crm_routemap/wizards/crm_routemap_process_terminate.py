from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class CrmRoutemapProcessTerminate(models.TransientModel):
    _name = "crm.routemap.process.terminate"
    _description = "Terminate a Route Map Process"

    process_id = fields.Many2one("crm.routemap.process", required=True, ondelete="cascade")
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Reason of Failure", required=True)
    lost_competitor_id = fields.Many2one(
        "res.partner", string="Lost to Competitor", domain="[('is_competitor', '=', True)]"
    )

    def action_terminate(self):
        self.ensure_one()
        process = self.process_id
        process.check_access("read")
        if process.lead_id:
            process.lead_id.check_access("write")
        elif not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales administrators terminate independent processes."))
        if not process.routemap_id.allow_termination:
            raise UserError(
                _('Route map "%s" does not allow early termination.', process.routemap_id.name)
            )
        if process.lead_id and self.lost_competitor_id:
            process.lead_id.sudo().lost_competitor_id = self.lost_competitor_id
        process.sudo()._routemap_terminate(lost_reason=self.lost_reason_id)
        return {"type": "ir.actions.act_window_close"}
