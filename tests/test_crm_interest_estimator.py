import pytest


@pytest.fixture
def estimator(pure):
    return pure("crm_interest", "estimator")


# scenario 1: states 10 -> 20 -> 30 (won); (scenario, furthest, kind, user, client, won, count)
ORDER = {1: [10, 20, 30]}


def test_without_fallback_every_level_refines(estimator):
    groups = [
        (1, 30, "manual", "ivan", "romashka", True, 6),  # won: reached 10, 20, 30
        (1, 20, "manual", "ivan", "romashka", False, 2),  # lost in 20
        (1, 20, "manual", "ivan", "vasilek", False, 2),
        (1, 10, "manual", "petr", "vasilek", False, 10),  # lost in 10
    ]
    est = estimator.Estimator(ORDER, groups, strength=5, min_basis=5)
    prior = (6 + 1) / (20 + 2)
    scenario = (6 + 5 * prior) / (10 + 5)  # 10 closed interests reached state 20
    kind = (6 + 5 * scenario) / (10 + 5)  # all manual
    salesperson = (6 + 5 * kind) / (10 + 5)  # all Ivan's
    client = (6 + 5 * salesperson) / (8 + 5)  # 8 of them for Romashka
    result = est.estimate(1, 20, "manual", "ivan", "romashka")
    assert result.probability == round(100 * client, 2)
    assert (result.won, result.total, result.level) == (6, 8, "client")
    # in the first state everybody counts: 20 interests, 6 won
    first = est.estimate(1, 10, "manual", "petr", "vasilek")
    assert (first.won, first.total, first.level) == (0, 10, "client")
    assert first.probability < result.probability


def test_fallback_to_coarser_groups_when_data_is_thin(estimator):
    groups = [
        (1, 30, "manual", "ivan", "romashka", True, 30),
        (1, 20, "manual", "ivan", "romashka", False, 10),
        (1, 30, "manual", "petr", "vasilek", True, 2),  # thin: two interests
    ]
    est = estimator.Estimator(ORDER, groups, strength=5, min_basis=5)
    # a new salesperson: nothing below the process kind, the estimate stops there
    newcomer = est.estimate(1, 20, "manual", "olga", "romashka")
    prior = 33 / 44
    scenario = (32 + 5 * prior) / (42 + 5)
    kind = (32 + 5 * scenario) / (42 + 5)
    assert newcomer.probability == round(100 * kind, 2)
    assert (newcomer.won, newcomer.total, newcomer.level) == (32, 42, "kind")
    # thin data moves the estimate a little, and the basis stays the coarser level
    petr = est.estimate(1, 20, "manual", "petr", "vasilek")
    assert newcomer.probability < petr.probability < 100
    assert (petr.won, petr.total, petr.level) == (32, 42, "kind")
    # another process kind never seen: the scenario level only
    other = est.estimate(1, 20, "none", "ivan", "romashka")
    assert other.probability == round(100 * scenario, 2)
    assert other.level == "scenario"


def test_no_history_gives_the_neutral_prior(estimator):
    est = estimator.Estimator(ORDER, [])
    result = est.estimate(1, 10, "manual", "ivan", "romashka")
    assert result == estimator.Estimate(50.0, 0, 0, "")
    # unknown states or scenarios are ignored, not counted
    est = estimator.Estimator(ORDER, [(2, 99, "manual", "ivan", "x", True, 5)])
    assert est.estimate(1, 10, "manual", "ivan", "x") == estimator.Estimate(50.0, 0, 0, "")
