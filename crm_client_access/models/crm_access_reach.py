from odoo import _, api, models
from odoo.exceptions import AccessError

# where the reach of this transaction is kept (res.users._crm_access_cached)
CACHE_KEY = "crm_client_access"


def refuse_derived_writes(records, vals, fnames):
    """The columns the rules read (a card's key, an interest's "client of another
    salesperson") follow their sources; written by hand over RPC they would give a card's
    visibility away past the check of its salesperson: only Odoo's recomputation writes
    them."""
    if not records.env.su and not vals.keys().isdisjoint(fnames):
        raise AccessError(
            _("%s follow the salesperson and are not written by hand.", ", ".join(fnames))
        )


class CrmAccessReachMixin(models.AbstractModel):
    """A model whose changes change who sees whom (departments and their heads, the
    employees' versions and so their departments, teams and their members, absences,
    interests' salespeople): any change drops the reach kept for the transaction, before and
    after it is made. A change of one of ``_crm_access_reach_fields`` also clears the reach
    kept across requests (res.users._crm_access_reach_shared, in Odoo's cache: cleared in
    every worker). An employee's user and archiving: res.users.crm_access_employee_stamp."""

    _name = "crm.access.reach.mixin"
    _description = "Changes the Client Visibility"

    # the fields the reach itself is read from (none: only the transaction's cache is dropped)
    _crm_access_reach_fields = ()

    @api.model
    def _crm_access_reset(self, shared=False):
        self.env.cr.cache.pop(CACHE_KEY, None)
        if shared:
            self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_access_reset()
        records = super().create(vals_list)
        self._crm_access_reset(shared=bool(self._crm_access_reach_fields))
        return records

    def write(self, vals):
        self._crm_access_reset()
        result = super().write(vals)
        self._crm_access_reset(shared=not vals.keys().isdisjoint(self._crm_access_reach_fields))
        return result

    def unlink(self):
        self._crm_access_reset()
        result = super().unlink()
        self._crm_access_reset(shared=bool(self._crm_access_reach_fields))
        return result


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "crm.access.reach.mixin"]
    _crm_access_reach_fields = ("manager_id", "parent_id", "active")


class HrVersion(models.Model):
    _name = "hr.version"
    _inherit = ["hr.version", "crm.access.reach.mixin"]
    _crm_access_reach_fields = ("department_id", "employee_id", "active")


class CrmTeamMember(models.Model):
    _name = "crm.team.member"
    _inherit = ["crm.team.member", "crm.access.reach.mixin"]
    _crm_access_reach_fields = ("user_id", "crm_team_id", "active")
