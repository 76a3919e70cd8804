from odoo import api, fields, models
from odoo.fields import Domain

from .res_users import _viewer_ids


class CrmTeam(models.Model):
    _name = "crm.team"
    _inherit = ["crm.team", "crm.access.reach.mixin"]
    _crm_access_reach_fields = ("user_id", "active", "member_ids", "crm_team_member_ids")

    crm_access_viewer_ids = fields.Many2many(
        "res.users",
        string="Who Sees the Team's Work",
        compute="_compute_crm_access_viewer_ids",
        search="_search_crm_access_viewer_ids",
        help="The team's leader (and whoever deputises for him now), unless the company's "
        "client visibility is 'own only'.",
    )
    # the record rules' question, asked of the current user's view (see
    # res.users.crm_access_in_view): the teams led by a user his view reaches
    crm_access_in_view = fields.Boolean(
        string="In My View",
        compute="_compute_crm_access_in_view",
        search="_search_crm_access_in_view",
        help="The current user's view reaches the team's work.",
    )

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_in_view(self):
        scope = self.env.company.crm_access_scope
        if scope in ("own", "all"):
            seen = set(self.ids) if scope == "all" else set()
        else:
            seen = set(self.env["res.users"]._crm_access_reach([self.env.uid], "sales")[1])
        for team in self:
            team.crm_access_in_view = team.id in seen

    def _search_crm_access_in_view(self, operator, value):
        if operator != "in":
            return NotImplemented
        mine = self._search_crm_access_viewer_ids("in", [self.env.uid])
        if True in value and False in value:
            return Domain.TRUE
        return mine if True in value else ~mine

    def _compute_crm_access_viewer_ids(self):
        """The leaders and their deputies now, the absences read once for all the teams (the
        record rules' access checks compute it for the teams of every list read)."""
        leaders = self.env["res.users"]
        if self.env.company.crm_access_scope != "own":
            leaders = self.user_id
        deputies = {}
        for line in self.env["crm.access.absence"]._current_lines(leaders, "sales"):
            user_id = line.absence_id.user_id.id
            deputies[user_id] = deputies.get(user_id, line.deputy_id) | line.deputy_id
        for team in self:
            viewers = self.env["res.users"]
            if team.user_id and team.user_id in leaders:
                viewers = team.user_id | deputies.get(team.user_id.id, viewers)
            team.crm_access_viewer_ids = viewers

    def _search_crm_access_viewer_ids(self, operator, value):
        if operator not in ("in", "any"):
            return NotImplemented
        scope = self.env.company.crm_access_scope
        if scope == "own":
            return Domain.FALSE
        viewer_ids = _viewer_ids(value)
        if not viewer_ids:
            return Domain.FALSE
        if scope == "all":
            return Domain.TRUE
        # the teams themselves, as constants (see res.users._crm_access_reach): the lead's
        # team_id is then read through its index, without a join to the teams; the domain is
        # kept optimized for the transaction, as the users' one
        Users = self.env["res.users"]
        return Users._crm_access_cached(
            ("team_domain", tuple(sorted(viewer_ids))),
            lambda now: (
                Domain("id", "in", Users._crm_access_reach(viewer_ids, "sales")[1]).optimize_full(
                    self.sudo()
                ),
                None,
            ),
        )
