import base64
import binascii

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..pure import bpmn


class CrmRoutemapImport(models.TransientModel):
    _name = "crm.routemap.import"
    _description = "Import a BPMN File into a Route Map"

    routemap_id = fields.Many2one("crm.routemap", required=True, ondelete="cascade")
    bpmn_file = fields.Binary(string="BPMN File", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        self.routemap_id._routemap_check_manager()
        try:
            data = base64.b64decode(self.bpmn_file or b"")
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The file could not be read.")) from error
        try:
            bpmn.parse(data)
        except bpmn.BpmnError as error:
            raise UserError(self.routemap_id._bpmn_error_message(error)) from error
        self.routemap_id.write({"xml": data.decode("utf-8", errors="replace")})
        return {"type": "ir.actions.act_window_close"}
