from odoo import api, models
from odoo.fields import Domain

# a claim's route-map task is a claim's work: the deputy for claims takes it
WORK_KIND = "claims"


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

    @api.model
    def _crm_access_process_kind(self, process):
        return WORK_KIND if process.claim_id else super()._crm_access_process_kind(process)

    @api.model
    def _crm_access_kind_domains(self):
        """A claim's tasks by the claims view, the others as before."""
        domains = {
            kind: tasks & Domain("claim_id", "=", False)
            for kind, tasks in super()._crm_access_kind_domains().items()
        }
        domains[WORK_KIND] = Domain("claim_id", "!=", False)
        return domains
