from odoo import api, models
from odoo.fields import Domain

from .crm_stage import NATIVE_STAGES_KEY


class _PlsMemo:
    """The native pipeline's first stage, found once per lead-scoring computation."""

    __slots__ = ("first_stage_id",)

    def __init__(self):
        self.first_stage_id = None


_PLS_MEMO_KEY = "crm_interest_pls_memo"


class CrmLead(models.Model):
    """Where Odoo's own pipeline logic meets the scenarios: a board shows one process (the
    states of its scenario, or the native stages), and lead scoring, merging and the
    confidence order read a scenario state as its own process places it."""

    _inherit = "crm.lead"

    # ------------------------------------------------------------------ stages

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        scenario = self._interest_scenario_of_view(domain)
        if scenario:
            return scenario.stage_ids
        # a native board: native stages only (web_read_group keeps interests out of it)
        return (
            super(CrmLead, self.with_context(**{NATIVE_STAGES_KEY: True}))
            ._read_group_stage_ids(stages, domain)
            .filtered(lambda stage: not stage.scenario_id)
        )

    @api.model
    def _interest_scenario_of_view(self, domain):
        """The one scenario a board shows: from the context, the view's domain or the
        team the board is opened for."""
        scenario_ids = set()
        if self.env.context.get("default_scenario_id"):
            scenario_ids.add(self.env.context["default_scenario_id"])
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr != "scenario_id" or condition.operator not in ("=", "in"):
                continue
            values = condition.value if condition.operator == "in" else [condition.value]
            scenario_ids.update(value for value in values if type(value) is int)
        team_id = self.env.context.get("default_team_id")
        if not scenario_ids and type(team_id) is int:
            team = self.env["crm.team"].browse(team_id).exists()
            if team.interest_scenario_id:
                scenario_ids.add(team.interest_scenario_id.id)
        if len(scenario_ids) != 1:
            return self.env["crm.interest.scenario"]
        return self.env["crm.interest.scenario"].browse(scenario_ids).exists()

    @api.model
    def _interest_board_domain(self, domain, groupby):
        """One board never mixes two processes: grouped by state, a board shows the
        interests of its one scenario, or, when it names none, the native leads only."""
        if not groupby or groupby[0].split(":")[0] != "stage_id":
            return domain
        scenario = self._interest_scenario_of_view(domain)
        if not scenario:
            asked = self._interest_scenarios_asked(domain)
            if asked is None:
                return Domain.AND([domain, [("scenario_id", "=", False)]])
            # several scenarios asked ("All scenarios" of My Sales): the board still shows
            # one process, the user's own scenario among them (or the first of them)
            default = self._interest_default_scenario()
            scenario = default if default and (not asked or default in asked) else asked[:1]
        return Domain.AND([domain, [("scenario_id", "=", scenario.id)]])

    @api.model
    def _interest_scenarios_asked(self, domain):
        """The scenarios of the interests a domain keeps when it names no single one;
        None when it keeps native leads only (no condition on the scenario, or "no
        scenario")."""
        conditions = [
            condition
            for condition in Domain(domain).iter_conditions()
            if condition.field_expr == "scenario_id"
        ]
        for condition in conditions:
            values = (
                condition.value
                if isinstance(condition.value, (list, tuple, set))
                else [condition.value]
            )
            if condition.operator in ("=", "in") and not any(values):
                return None  # native leads only
        if not conditions:
            return None
        groups = self._read_group(domain, ["scenario_id"])
        return (
            self.env["crm.interest.scenario"].union(*(scenario for (scenario,) in groups)).sorted()
        )

    @api.model
    def _interest_default_scenario(self):
        """The scenario a user works by: his team's, or the first one."""
        return self.env.user.sale_team_id.interest_scenario_id or self.env[
            "crm.interest.scenario"
        ].search([], limit=1)

    @api.model
    @api.readonly
    def web_read_group(self, domain, groupby, *args, **kwargs):
        return super().web_read_group(
            self._interest_board_domain(domain, groupby), groupby, *args, **kwargs
        )

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        scenario = self.scenario_id
        if self and len(scenario) == 1 and all(self.mapped("scenario_id")):
            return self.env["crm.stage"].search(
                [("scenario_id", "=", scenario.id), *(domain or [])], order=order, limit=limit
            )
        return super()._stage_find(
            team_id=team_id,
            domain=[("scenario_id", "=", False), *(domain or [])],
            order=order,
            limit=limit,
        )

    # ------------------------------------------------------------------ native logic

    def _pls_get_naive_bayes_probabilities(self, *args, **kwargs):
        # the "first stage" is searched once per computation, not again for every team of
        # the frequency table (our demo teams make that table longer)
        return super(
            CrmLead, self.with_context(**{_PLS_MEMO_KEY: _PlsMemo()})
        )._pls_get_naive_bayes_probabilities(*args, **kwargs)

    def _pls_get_won_lost_total_count(self, team_results):
        # predictive lead scoring counts on the "first stage" of the native pipeline: scenario
        # states left out
        memo = self.env.context.get(_PLS_MEMO_KEY)
        first_stage_id = memo.first_stage_id if isinstance(memo, _PlsMemo) else None
        if first_stage_id is None:
            first_stage_id = (
                self.env["crm.stage"]
                .search(
                    [("team_ids", "=", False), ("scenario_id", "=", False)],
                    order="sequence, id",
                    limit=1,
                )
                .id
            )
            if isinstance(memo, _PlsMemo):
                memo.first_stage_id = first_stage_id
        stage_result = team_results.get("stage_id", {}).get(str(first_stage_id))
        if not stage_result:
            return 0, 0, 0
        return stage_result["won"], stage_result["lost"], stage_result["won"] + stage_result["lost"]

    def _merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True, max_length=5):
        # the head decides: a native head keeps to the native stages of the team; an interest
        # keeps its scenario's state (checked by the write)
        head = self if not self.scenario_id else self._sort_by_confidence_level(reverse=True)[:1]
        leads = self if head.scenario_id else self.with_context(**{NATIVE_STAGES_KEY: True})
        return super(CrmLead, leads)._merge_opportunity(
            user_id=user_id, team_id=team_id, auto_unlink=auto_unlink, max_length=max_length
        )

    def _sort_by_confidence_level(self, reverse=False):
        if not self.scenario_id:
            return super()._sort_by_confidence_level(reverse=reverse)
        # a scenario state's sequence says nothing against a native stage's: compare the
        # position in its own process (stages searched as the native pipeline sees them)
        native = self.env["crm.stage"].with_context(**{NATIVE_STAGES_KEY: True}).search([])
        position = {stage.id: index for index, stage in enumerate(native)}
        for scenario in self.scenario_id:
            position.update({stage.id: index for index, stage in enumerate(scenario.stage_ids)})

        def key(lead):
            return (
                lead.type == "opportunity" or lead.active,
                lead.type == "opportunity",
                position.get(lead.stage_id.id, -1),
                lead.probability,
                -lead._origin.id,
            )

        return self.sorted(key=key, reverse=reverse)
