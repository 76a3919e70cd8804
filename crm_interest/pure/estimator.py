"""Probability that an interest is won (Вероятность), estimated from closed interests.

Plain Python, no Odoo import. The estimate is a share that can be read off its basis: of
the closed (won or lost) interests most like this one, the share that was won. "Most like"
goes level by level, each a subset of the one before: all closed interests of the same
scenario, those that reached the same state, of the same process kind, of the same
salesperson, with the same client. The finest level with at least `min_basis` closed
interests is the basis, and the estimate is exactly its won / closed share (6 of 10 won:
60 %). With fewer closed interests than that in the whole scenario there is no estimate. An
interest reached a state when its furthest state is that state or a later one of its
scenario (as in the sales funnel).
"""

from collections import defaultdict
from dataclasses import dataclass

LEVELS = ("all", "scenario", "kind", "salesperson", "client")


@dataclass(frozen=True)
class Estimate:
    probability: float  # percent, two decimals: 100 * won / total
    won: int  # the basis: won interests among ...
    total: int  # ... the closed interests of the finest level with enough data
    level: str  # one of LEVELS, or "" when there are too few closed interests


NO_ESTIMATE = Estimate(0.0, 0, 0, "")


class Estimator:
    """Counts closed interests once; answers for any open interest in constant time.

    :param stage_order: {scenario: [state ids in order]}
    :param groups: iterable of (scenario, furthest_state, kind, salesperson, client, won, count)
    :param min_basis: closed interests a level needs to be the basis
    """

    def __init__(self, stage_order, groups, min_basis=5):
        self.min_basis = min_basis
        self.counts = defaultdict(lambda: [0, 0])
        position = {
            scenario: {stage: index for index, stage in enumerate(stages)}
            for scenario, stages in stage_order.items()
        }
        for scenario, furthest, kind, user, client, won, count in groups:
            index = position.get(scenario, {}).get(furthest)
            if index is None:
                continue
            won_count = count if won else 0
            cell = self.counts[(scenario,)]
            cell[0] += won_count
            cell[1] += count
            for stage in stage_order[scenario][: index + 1]:
                for key in self._keys(scenario, stage, kind, user, client)[1:]:
                    cell = self.counts[key]
                    cell[0] += won_count
                    cell[1] += count

    @staticmethod
    def _keys(scenario, stage, kind, user, client):
        return (
            (scenario,),
            (scenario, stage),
            (scenario, stage, kind),
            (scenario, stage, kind, user),
            (scenario, stage, kind, user, client),
        )

    def estimate(self, scenario, stage, kind, user, client):
        basis = None
        for level, key in zip(LEVELS, self._keys(scenario, stage, kind, user, client), strict=True):
            won, total = self.counts.get(key, (0, 0))
            if total < self.min_basis:
                break  # finer levels are subsets: fewer still
            basis = (won, total, level)
        if basis is None:
            return NO_ESTIMATE
        won, total, level = basis
        return Estimate(round(100.0 * won / total, 2), won, total, level)
