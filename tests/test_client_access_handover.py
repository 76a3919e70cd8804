"""Who gets which piece of a leaver's work (crm_client_access, issue 24)."""

import random
from collections import Counter

import pytest


@pytest.fixture
def handover(pure):
    return pure("crm_client_access", "handover")


# (piece, client, team): client A has three pieces, B two, C one, one piece has no client
PIECES = [
    ("a1", "A", "t1"),
    ("b1", "B", "t2"),
    ("a2", "A", None),
    ("x", None, None),
    ("c1", "C", "t1"),
    ("a3", "A", "t1"),
    ("b2", "B", "t2"),
]


def test_all_to_one(handover):
    assert set(handover.allocate(PIECES, "all", ["ann"]).values()) == {"ann"}


def test_by_client_keeps_a_client_together_and_spreads_the_clients(handover):
    result = handover.allocate(PIECES, "client", ["ann", "bob"])
    assert len(result) == len(PIECES)
    for client in "ABC":
        assert len({result[p] for p, c, _t in PIECES if c == client}) == 1
    # the client with most work first (ties: the first seen), round robin:
    # A ann, B bob, x ann, C bob
    assert result["a1"] == "ann" and result["b1"] == "bob"
    assert result["x"] == "ann" and result["c1"] == "bob"


def test_evenly_deals_one_by_one(handover):
    result = handover.allocate(PIECES, "even", ["ann", "bob", "cid"])
    assert [result[p] for p, _c, _t in PIECES] == ["ann", "bob", "cid"] * 2 + ["ann"]


def test_by_team(handover):
    result = handover.allocate(PIECES, "team", team_targets={"t1": "ann", "t2": "bob", None: "cid"})
    assert result == {"a1": "ann", "b1": "bob", "a2": "cid", "x": "cid", "c1": "ann",
                      "a3": "ann", "b2": "bob"}  # fmt: skip
    with pytest.raises(ValueError):
        handover.allocate(PIECES, "team", team_targets={"t1": "ann", "t2": "bob"})


@pytest.mark.parametrize("mode", ["all", "client", "even"])
def test_no_successor_or_no_work(handover, mode):
    with pytest.raises(ValueError):
        handover.allocate(PIECES, mode, [])
    assert handover.allocate([], mode, []) == {}
    with pytest.raises(ValueError):
        handover.allocate(PIECES, "nobody")


@pytest.mark.parametrize("seed", range(20))
def test_random_work_is_all_given_and_balanced(handover, seed):
    rng = random.Random(seed)
    pieces = [(i, rng.choice([None, *range(8)]), rng.choice([None, 1, 2])) for i in range(60)]
    targets = ["ann", "bob", "cid"][: rng.randint(1, 3)]
    even = handover.allocate(pieces, "even", targets)
    assert set(even) == {p for p, _c, _t in pieces}
    counts = Counter(even.values())
    assert max(counts.values()) - min(counts.values()) <= 1
    by_client = handover.allocate(pieces, "client", targets)
    units = {c if c is not None else ("piece", p) for p, c, _t in pieces}
    owners = Counter(
        next(by_client[p] for p, c, _t in pieces if (c if c is not None else ("piece", p)) == unit)
        for unit in units
    )
    assert max(owners.values()) - min(owners.values()) <= 1
