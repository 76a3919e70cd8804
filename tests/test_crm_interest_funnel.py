import pytest


@pytest.fixture
def funnel(pure):
    return pure("crm_interest", "funnel")


def test_reached_counts_every_interest_at_or_past_the_state(funnel):
    # states 1..4, 4 is won; groups: (furthest state, won?, count, amount)
    groups = [
        (1, False, 4, 400.0),
        (2, False, 3, 600.0),
        (3, False, 2, 700.0),
        (4, True, 1, 1000.0),
    ]
    rows = funnel.build([1, 2, 3, 4], groups)
    assert [row.reached for row in rows] == [10, 6, 3, 1]
    assert [row.amount for row in rows] == [2700.0, 2300.0, 1700.0, 1000.0]
    assert [row.won for row in rows] == [1, 1, 1, 1]
    assert [row.to_next for row in rows] == [60.0, 50.0, 33.33, None]
    assert [row.to_won for row in rows] == [10.0, 16.67, 33.33, 100.0]


def test_groups_of_the_same_state_add_up_and_unknown_states_are_ignored(funnel):
    groups = [(1, False, 2, 10.0), (1, False, 3, None), (99, True, 5, 50.0), (2, True, 1, 5.0)]
    rows = funnel.build([1, 2], groups, {1: 2.456})
    assert [row.reached for row in rows] == [6, 1]
    assert rows[0].amount == 15.0
    assert rows[0].avg_days == 2.46
    assert rows[1].avg_days is None


def test_empty_funnel_has_no_rates(funnel):
    rows = funnel.build([1, 2, 3], [])
    assert [row.reached for row in rows] == [0, 0, 0]
    assert all(row.to_next is None and row.to_won is None for row in rows)
    assert funnel.build([], [(1, False, 1, 1.0)]) == []
