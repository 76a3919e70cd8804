from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client shows click-to-dial on phone fields to users with an extension."""
        result = super().session_info()
        user = self.env.user
        result["crm_softphone_can_dial"] = bool(
            user._is_internal()
            and self.env["crm.softphone.extension"]
            .sudo()
            .search_count([("user_id", "=", user.id), ("pbx_id.active", "=", True)], limit=1)
        )
        return result
