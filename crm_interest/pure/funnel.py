"""Sales funnel figures of one scenario from grouped counts.

Plain Python, no Odoo import. The ORM supplies, per interest group, the furthest
state reached, whether it was won, how many interests and their amount; this module
turns that into the funnel: for each state, the interests and amount that reached it,
conversion to the next state and to won, and the average days spent in it.

An interest reached a state when its furthest state is that one or a later one in
the scenario's order (a skipped state counts as passed).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FunnelRow:
    stage_id: int
    reached: int
    amount: float
    won: int
    to_next: float | None  # percent of `reached` that reached the next state
    to_won: float | None  # percent of `reached` that were won
    avg_days: float | None  # average days spent in the state


def _percent(part, whole):
    return round(100.0 * part / whole, 2) if whole else None


def build(stage_ids, groups, avg_days=None):
    """Funnel rows, one per state, in the scenario's order.

    :param stage_ids: the scenario's state ids in order (sequence, id)
    :param groups: iterable of (furthest_stage_id, is_won, count, amount)
    :param avg_days: {stage_id: average days in the state}
    """
    avg_days = avg_days or {}
    position = {stage_id: index for index, stage_id in enumerate(stage_ids)}
    size = len(stage_ids)
    count_at = [0] * size
    amount_at = [0.0] * size
    won_at = [0] * size
    for furthest, is_won, count, amount in groups:
        index = position.get(furthest)
        if index is None:
            continue
        count_at[index] += count
        amount_at[index] += amount or 0.0
        if is_won:
            won_at[index] += count
    # reached(s) = all interests whose furthest state is s or later: suffix sums
    reached, amount, won = [0] * size, [0.0] * size, [0] * size
    running = [0, 0.0, 0]
    for index in range(size - 1, -1, -1):
        running[0] += count_at[index]
        running[1] += amount_at[index]
        running[2] += won_at[index]
        reached[index], amount[index], won[index] = running
    rows = []
    for index, stage_id in enumerate(stage_ids):
        following = reached[index + 1] if index + 1 < size else None
        rows.append(
            FunnelRow(
                stage_id=stage_id,
                reached=reached[index],
                amount=round(amount[index], 2),
                won=won[index],
                to_next=None if following is None else _percent(following, reached[index]),
                to_won=_percent(won[index], reached[index]),
                avg_days=None if avg_days.get(stage_id) is None else round(avg_days[stage_id], 2),
            )
        )
    return rows
