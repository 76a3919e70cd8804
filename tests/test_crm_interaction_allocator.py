"""The proportional split of control tasks (largest remainder, ties stable)."""

import pytest


@pytest.fixture
def allocator(pure):
    return pure("crm_interaction", "allocator")


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1, 1], [4, 3, 3]),
        (11, [1, 1, 1], [4, 4, 3]),
        (7, [2, 1], [5, 2]),
        (100, [1, 1, 1, 1, 1, 1, 1], [15, 15, 14, 14, 14, 14, 14]),
        (5, [0, 1, 0], [0, 5, 0]),
        (0, [1, 2], [0, 0]),
        (1, [1, 1, 1], [1, 0, 0]),
        (3, [0.5, 0.25, 0.25], [1, 1, 1]),  # remainders .5 < .75: the two quarters win
    ],
)
def test_allocate_examples(allocator, total, weights, expected):
    assert allocator.allocate(total, weights) == expected


@pytest.mark.parametrize("total", [0, 1, 2, 3, 17, 99, 100, 1001, 100_000])
@pytest.mark.parametrize("weights", [[1], [1, 1], [3, 1, 1], [1, 2, 3, 4, 5], [0.1, 0.2, 0.7]])
def test_totals_are_exact_and_within_one_of_the_quota(allocator, total, weights):
    shares = allocator.allocate(total, weights)
    assert sum(shares) == total
    whole = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - total * weight / whole) < 1


def test_ties_are_stable_and_the_split_keeps_the_order(allocator):
    assert allocator.allocate(2, [1, 1, 1, 1]) == [1, 1, 0, 0]
    assert allocator.split(range(7), [1, 1, 1]) == [[0, 1, 2], [3, 4], [5, 6]]
    assert allocator.split([], [1, 1]) == [[], []]


def test_refuses_nonsense(allocator):
    with pytest.raises(ValueError):
        allocator.allocate(3, [0, 0])
    with pytest.raises(ValueError):
        allocator.allocate(-1, [1])
    with pytest.raises(ValueError):
        allocator.allocate(3, [1, -1])
