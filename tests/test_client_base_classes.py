"""crm_client_base: ABC/XYZ classes, RFM scores, usual interval, quarters (issue 23)."""

from datetime import date

import pytest
from conftest import load_pure

cc = load_pure("crm_client_base", "client_classes")


def test_median_and_usual_interval():
    assert cc.median([]) is None
    assert cc.median([5, 1, 3]) == 3.0
    assert cc.median([4, 1, 3, 10]) == 3.5
    days = [date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 11), date(2026, 2, 10)]
    # distinct dates: intervals 10 and 30 days
    assert cc.usual_interval(days) == 20.0
    assert cc.usual_interval([date(2026, 1, 1)]) is None


def test_abc_the_client_who_crosses_the_threshold_stays_a():
    amounts = {"a": 50.0, "b": 30.0, "c": 15.0, "d": 4.0, "e": 1.0, "f": 0.0, "g": -5.0}
    assert cc.abc_classes(amounts) == {
        "a": "A",  # 0 % before him
        "b": "A",  # 50 % before him
        "c": "B",  # 80 % before him: not below 80 %
        "d": "C",  # 95 % before him
        "e": "C",
        "f": "C",  # nothing bought
        "g": "C",  # credit notes above invoices
    }


def test_abc_thresholds_move_the_classes():
    amounts = {"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0}
    assert cc.abc_classes(amounts, 50.0, 80.0) == {"a": "A", "b": "B", "c": "C", "d": "C"}
    assert cc.abc_classes(amounts, 90.0, 99.0) == {"a": "A", "b": "A", "c": "A", "d": "B"}


def test_abc_ties_are_ordered_by_key():
    assert cc.abc_classes({2: 10.0, 1: 10.0}, 50.0, 95.0) == {1: "A", 2: "B"}


def test_coefficient_of_variation_and_xyz():
    assert cc.coefficient_of_variation([100, 100, 100]) == 0.0
    assert cc.coefficient_of_variation([90, 110]) == pytest.approx(10.0)
    assert cc.coefficient_of_variation([0, 0]) is None
    assert cc.coefficient_of_variation([]) is None
    for monthly in ([90, 110], [0, 0, 100], [5, 7, 100, 3.5, 0, 40]):
        assert cc.cv_from_sums(sum(monthly), sum(x * x for x in monthly), len(monthly)) == (
            pytest.approx(cc.coefficient_of_variation(monthly))
        )
    assert cc.cv_from_sums(-5.0, 25.0, 3) is None
    assert cc.xyz_class(0.0) == "X"
    assert cc.xyz_class(10.0) == "X"
    assert cc.xyz_class(10.1) == "Y"
    assert cc.xyz_class(25.0) == "Y"
    assert cc.xyz_class(25.1) == "Z"
    assert cc.xyz_class(None) == "Z"
    assert cc.xyz_class(15.0, 20.0, 30.0) == "X"


def test_quintiles_best_score_five_and_ties_share():
    values = {i: float(i) for i in range(10)}
    scores = cc.quintile_scores(values)
    assert [scores[i] for i in range(10)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    low = cc.quintile_scores(values, higher_is_better=False)
    assert [low[i] for i in range(10)] == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    tied = cc.quintile_scores({"a": 1.0, "b": 1.0, "c": 1.0, "d": 9.0})
    assert tied == {"a": 1, "b": 1, "c": 1, "d": 4}
    assert cc.quintile_scores({"only": 3.0}) == {"only": 1}


def test_rfm_scores_only_for_clients_who_bought():
    today = date(2026, 6, 30)
    clients = {
        "fresh": (date(2026, 6, 29), 12, 1000.0),
        "old": (date(2025, 7, 1), 1, 10.0),
        "mid": (date(2026, 3, 1), 4, 300.0),
        "mid2": (date(2026, 2, 1), 3, 200.0),
        "mid3": (date(2026, 1, 1), 2, 100.0),
        "none": (None, 0, 0.0),
    }
    rfm = cc.rfm_scores(clients, today)
    assert "none" not in rfm
    assert rfm["fresh"] == (5, 5, 5)
    assert rfm["old"] == (1, 1, 1)
    assert rfm["mid"] == (4, 4, 4)


def test_classify_gives_every_class():
    clients = {
        1: {"turnover": 900.0, "profit": 10.0, "monthly": [300.0, 300.0, 300.0], "orders": 3,
            "last_date": date(2026, 3, 20)},
        2: {"turnover": 100.0, "profit": 90.0, "monthly": [0.0, 0.0, 100.0], "orders": 1,
            "last_date": date(2026, 3, 1)},
    }  # fmt: skip
    result = cc.classify(clients, {"a": 80.0, "b": 95.0, "x": 10.0, "y": 25.0}, date(2026, 4, 1))
    assert result[1]["abc_turnover"] == "A" and result[1]["abc_profit"] == "B"
    assert result[2]["abc_turnover"] == "B" and result[2]["abc_profit"] == "A"
    assert result[1]["xyz"] == "X" and result[1]["cv"] == 0.0
    assert result[2]["xyz"] == "Z"
    assert result[1]["rfm"] == (3, 3, 3) and result[2]["rfm"] == (1, 1, 1)


def test_month_starts_and_quarters():
    assert cc.month_starts(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)
    ]  # fmt: skip
    assert cc.quarter_bounds(date(2026, 2, 10)) == (
        date(2025, 10, 1), date(2025, 7, 1), date(2026, 1, 1)
    )  # fmt: skip
    assert cc.quarter_bounds(date(2026, 12, 31)) == (
        date(2026, 7, 1), date(2026, 4, 1), date(2026, 10, 1)
    )  # fmt: skip
