import pytest


@pytest.fixture
def estimator(pure):
    return pure("crm_interest", "estimator")


# scenario 1: states 10 -> 20 -> 30 (won); (scenario, furthest, kind, user, client, won, count)
ORDER = {1: [10, 20, 30]}


def test_the_finest_level_with_enough_data_is_the_basis_and_the_figure(estimator):
    groups = [
        (1, 30, "manual", "ivan", "romashka", True, 6),  # won: reached 10, 20, 30
        (1, 20, "manual", "ivan", "romashka", False, 2),  # lost in 20
        (1, 20, "manual", "ivan", "vasilek", False, 2),
        (1, 10, "manual", "petr", "vasilek", False, 10),  # lost in 10
    ]
    est = estimator.Estimator(ORDER, groups, min_basis=5)
    result = est.estimate(1, 20, "manual", "ivan", "romashka")
    # 8 closed interests of Ivan with Romashka reached state 20, 6 of them won: 75 %
    assert (result.won, result.total, result.level) == (6, 8, "client")
    assert result.probability == 75.0
    # in the first state everybody counts: Petr's 10 with Vasilek, none won
    first = est.estimate(1, 10, "manual", "petr", "vasilek")
    assert (first.won, first.total, first.level, first.probability) == (0, 10, "client", 0.0)


def test_fallback_to_coarser_groups_when_data_is_thin(estimator):
    groups = [
        (1, 30, "manual", "ivan", "romashka", True, 30),
        (1, 20, "manual", "ivan", "romashka", False, 10),
        (1, 30, "manual", "petr", "vasilek", True, 2),  # thin: two interests
        (1, 10, "none", "ivan", "romashka", False, 4),
    ]
    est = estimator.Estimator(ORDER, groups, min_basis=5)
    # a new salesperson: nothing below the process kind, the estimate stops there
    newcomer = est.estimate(1, 20, "manual", "olga", "romashka")
    assert (newcomer.won, newcomer.total, newcomer.level) == (32, 42, "kind")
    assert newcomer.probability == round(100 * 32 / 42, 2)
    # thin data is no basis: Petr's two wins leave the process kind as the basis
    petr = est.estimate(1, 20, "manual", "petr", "vasilek")
    assert petr == newcomer
    # another process kind with too few interests: the state of the scenario
    other = est.estimate(1, 20, "none", "ivan", "romashka")
    assert (other.won, other.total, other.level) == (32, 42, "scenario")
    # a state too few closed interests reached: the scenario as a whole
    groups = [(1, 10, "manual", "ivan", "x", False, 4), (1, 30, "manual", "ivan", "x", True, 3)]
    est = estimator.Estimator(ORDER, groups, min_basis=5)
    assert est.estimate(1, 20, "manual", "ivan", "x") == estimator.Estimate(42.86, 3, 7, "all")


def test_too_few_closed_interests_give_no_estimate(estimator):
    est = estimator.Estimator(ORDER, [])
    assert est.estimate(1, 10, "manual", "ivan", "romashka") == estimator.NO_ESTIMATE
    est = estimator.Estimator(ORDER, [(1, 30, "manual", "ivan", "x", True, 2)], min_basis=5)
    assert est.estimate(1, 10, "manual", "ivan", "x") == estimator.NO_ESTIMATE
    # unknown states or scenarios are ignored, not counted
    est = estimator.Estimator(ORDER, [(2, 99, "manual", "ivan", "x", True, 5)])
    assert est.estimate(1, 10, "manual", "ivan", "x") == estimator.NO_ESTIMATE
