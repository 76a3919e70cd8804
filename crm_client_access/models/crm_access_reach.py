from odoo import api, models

# where the reach of this transaction is kept (res.users._crm_access_cached)
CACHE_KEY = "crm_client_access"


class CrmAccessReachMixin(models.AbstractModel):
    """A model whose changes change who sees whom (departments and their heads, the
    employees' versions and so their departments, teams and their members, absences,
    interests' salespeople): any change drops the reach kept for the transaction, before and
    after it is made. An employee's user and archiving: res.users.crm_access_employee_stamp."""

    _name = "crm.access.reach.mixin"
    _description = "Changes the Client Visibility"

    @api.model
    def _crm_access_reset(self):
        self.env.cr.cache.pop(CACHE_KEY, None)

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_access_reset()
        records = super().create(vals_list)
        self._crm_access_reset()
        return records

    def write(self, vals):
        self._crm_access_reset()
        result = super().write(vals)
        self._crm_access_reset()
        return result

    def unlink(self):
        self._crm_access_reset()
        result = super().unlink()
        self._crm_access_reset()
        return result


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "crm.access.reach.mixin"]


class HrVersion(models.Model):
    _name = "hr.version"
    _inherit = ["hr.version", "crm.access.reach.mixin"]


class CrmTeamMember(models.Model):
    _name = "crm.team.member"
    _inherit = ["crm.team.member", "crm.access.reach.mixin"]
