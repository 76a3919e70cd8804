from odoo import api, fields, models
from odoo.fields import Domain


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.access.reach.mixin"]

    # the interests' rule in one field: Odoo's check in Python of every list read evaluates
    # one condition per interest instead of three through the salesperson and the team, and
    # each query built with the rule reuses the clauses kept optimized for the transaction
    # (bench/client_access.py); the search is the same three clauses
    crm_access_in_view = fields.Boolean(
        string="In My View",
        compute="_compute_crm_access_in_view",
        search="_search_crm_access_in_view",
        help="The current user's view reaches this interest: nobody's, or its salesperson's "
        "or its team's work is in his view.",
    )

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_in_view(self):
        scope = self.env.company.crm_access_scope
        if scope == "all":
            for lead in self:
                lead.crm_access_in_view = True
            return
        user_ids, team_ids = self.env["res.users"]._crm_access_reach([self.env.uid], "sales")
        users, teams = set(user_ids), set(team_ids) if scope != "own" else set()
        for lead in self:
            lead.crm_access_in_view = (
                not lead.user_id or lead.user_id.id in users or lead.team_id.id in teams
            )

    def _search_crm_access_in_view(self, operator, value):
        if operator != "in" or set(value) != {True}:
            return NotImplemented
        return self.env["res.users"]._crm_access_rule_domain(
            "lead_domain",
            self,
            [
                Domain("user_id", "=", False),
                Domain("user_id.crm_access_in_view", "=", True),
                Domain("team_id.crm_access_in_view", "=", True),
            ],
        )
