from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from .crm_access_reach import refuse_derived_writes


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

    # the client rule's clause "the client of one of his interests" is needed only where the
    # client has another salesperson: the user's interests are read through this index (about
    # none for a salesman) instead of all of them and each client (2 of the 2.4 ms of a client
    # list's reach, bench/client_access.py)
    crm_access_client_elsewhere = fields.Boolean(
        string="Client of Another Salesperson",
        compute="_compute_crm_access_client_elsewhere",
        store=True,
        help="The client has a salesperson other than this interest's.",
    )
    _crm_access_client_elsewhere_index = models.Index(
        "(user_id, partner_id) WHERE crm_access_client_elsewhere"
    )

    def _auto_init(self):
        # on a database with interests, filled in one statement (the ORM would compute each)
        if not column_exists(self.env.cr, "crm_lead", "crm_access_client_elsewhere"):
            create_column(self.env.cr, "crm_lead", "crm_access_client_elsewhere", "boolean")
            self._crm_access_fill_client_elsewhere()
        return super()._auto_init()

    @api.model
    def _crm_access_fill_client_elsewhere(self):
        """Set the flag of the interests inserted by SQL (the module's install, benches)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead l SET crm_access_client_elsewhere = TRUE
                  FROM res_partner c
                 WHERE c.id = l.partner_id AND c.user_id IS NOT NULL
                   AND c.user_id IS DISTINCT FROM l.user_id
                   AND l.crm_access_client_elsewhere IS NOT TRUE
                """
            )
        )

    def write(self, vals):
        refuse_derived_writes(self, vals, ["crm_access_client_elsewhere"])
        return super().write(vals)

    @api.depends("user_id", "partner_id.user_id")
    def _compute_crm_access_client_elsewhere(self):
        for lead in self:
            salesperson = lead.partner_id.user_id
            lead.crm_access_client_elsewhere = bool(salesperson) and salesperson != lead.user_id

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
