import pytest


@pytest.fixture
def process(pure):
    return pure("crm_interest", "process")


@pytest.mark.parametrize(
    ("kind", "in_scenario", "is_won", "by_route_map", "expected"),
    [
        ("manual", True, False, False, None),
        ("manual", True, True, False, None),
        ("manual", False, False, False, "outside_scenario"),
        ("none", True, False, False, "non_process"),
        ("none", True, True, False, None),
        ("routemap", True, False, False, "controlled"),
        ("routemap", True, True, False, "controlled"),
        ("routemap", True, False, True, None),
        ("routemap", False, False, True, "outside_scenario"),
    ],
)
def test_refusal(process, kind, in_scenario, is_won, by_route_map, expected):
    assert process.refusal(kind, in_scenario, is_won, by_route_map) == expected


def test_switching_into_route_map_control_only_by_a_route_map(process):
    assert process.kind_switch_allowed("routemap", "manual", False)
    assert process.kind_switch_allowed("none", "manual", False)
    assert process.kind_switch_allowed("manual", "none", False)
    assert not process.kind_switch_allowed("manual", "routemap", False)
    assert not process.kind_switch_allowed("none", "routemap", False)
    assert process.kind_switch_allowed("manual", "routemap", True)
    assert process.kind_switch_allowed("routemap", "routemap", False)
