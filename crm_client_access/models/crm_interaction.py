from odoo import api, fields, models


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model_create_multi
    def create(self, vals_list):
        """A planned interaction (dated later) for an absent employee goes to his deputy."""
        Absence = self.env["crm.access.absence"]
        now = fields.Datetime.now()
        redirected = Absence._redirect_new_work(
            vals_list,
            self._crm_access_work_kind,
            applies=lambda vals: (
                vals.get("date") and fields.Datetime.to_datetime(vals["date"]) > now
            ),
        )
        records = super().create(vals_list)
        Absence._log_redirected(vals_list, records, redirected)
        return records

    @api.model
    def _crm_access_work_kind(self, vals):
        """Which deputy takes this new interaction (crm_client_access_softphone: calls)."""
        return "sales"
