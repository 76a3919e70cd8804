"""Probability that an interest is won (Вероятность), estimated from closed interests.

Plain Python, no Odoo import. P(won | the interest reached state s) is counted over the
closed (won or lost) interests of the same scenario that reached s, then refined level by
level: the same process kind, the same salesperson, the same client. Each level is
shrunk toward the level above it (additive smoothing of strength `strength`), so a level
with little data moves the estimate a little and a level with none leaves it as it is:
the fallback to coarser groups. The start is the scenario's own won rate (Laplace's
rule: 50 % with no closed interest). An interest reached a state when its furthest state is
that state or a later one of its scenario (as in the sales funnel).
"""

from collections import defaultdict
from dataclasses import dataclass

LEVELS = ("scenario", "kind", "salesperson", "client")


@dataclass(frozen=True)
class Estimate:
    probability: float  # percent, two decimals
    won: int  # the basis: won interests among ...
    total: int  # ... the closed interests of the finest level with enough data
    level: str  # one of LEVELS, or "" when no closed interest is known


class Estimator:
    """Counts closed interests once; answers for any open interest in constant time.

    :param stage_order: {scenario: [state ids in order]}
    :param groups: iterable of (scenario, furthest_state, kind, salesperson, client, won, count)
    :param strength: weight of the level above, in interests
    :param min_basis: closed interests a level needs to be named as the basis
    """

    def __init__(self, stage_order, groups, strength=5.0, min_basis=5):
        self.strength = strength
        self.min_basis = min_basis
        self.counts = defaultdict(lambda: [0, 0])
        position = {
            scenario: {stage: index for index, stage in enumerate(stages)}
            for scenario, stages in stage_order.items()
        }
        scenario_totals = defaultdict(lambda: [0, 0])
        for scenario, furthest, kind, user, client, won, count in groups:
            index = position.get(scenario, {}).get(furthest)
            if index is None:
                continue
            won_count = count if won else 0
            scenario_totals[scenario][0] += won_count
            scenario_totals[scenario][1] += count
            for stage in stage_order[scenario][: index + 1]:
                for key in self._keys(scenario, stage, kind, user, client):
                    cell = self.counts[key]
                    cell[0] += won_count
                    cell[1] += count
        # the starting point: all closed interests of the scenario, with Laplace's rule
        self.prior = {
            scenario: (won + 1) / (total + 2) for scenario, (won, total) in scenario_totals.items()
        }

    @staticmethod
    def _keys(scenario, stage, kind, user, client):
        return (
            (scenario, stage),
            (scenario, stage, kind),
            (scenario, stage, kind, user),
            (scenario, stage, kind, user, client),
        )

    def estimate(self, scenario, stage, kind, user, client):
        probability = self.prior.get(scenario, 0.5)
        basis = (0, 0, "")
        for level, key in zip(LEVELS, self._keys(scenario, stage, kind, user, client), strict=True):
            won, total = self.counts.get(key, (0, 0))
            if not total:
                break  # finer levels are subsets: no data there either
            probability = (won + self.strength * probability) / (total + self.strength)
            if total >= self.min_basis or not basis[1]:
                basis = (won, total, level)
        return Estimate(round(100.0 * probability, 2), *basis)
