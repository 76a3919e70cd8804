import pytest
from crm_routemap_maps import contract_map, load, sale_map


@pytest.fixture
def bpmn():
    return load("bpmn")


@pytest.fixture
def validate():
    return load("validate")


def codes(found):
    return sorted((problem.code, problem.point) for problem in found)


def settings_ok(routemap):
    settings = {}
    for pid, point in routemap.points.items():
        settings[pid] = {"state": "ok"}
        if point.kind == "split":
            settings[pid]["state_arrow"] = routemap.outgoing(pid)[0].id
    return settings


def test_a_good_map_has_no_problem(bpmn, validate):
    routemap = sale_map(bpmn)
    assert validate.problems(routemap, settings_ok(routemap), for_interest=True) == []
    assert validate.problems(contract_map(bpmn)) == []


def test_start_and_end_points_are_required(bpmn, validate):
    routemap = bpmn.build("P", "", [("A", "action", "Call")], [])
    assert codes(validate.problems(routemap)) == [("no_end", ""), ("no_start", "")]
    routemap = bpmn.build(
        "P",
        "",
        [("S1", "start", "One"), ("S2", "start", "Two"), ("E", "end", "End")],
        [("a", "S1", "E"), ("b", "S2", "E")],
    )
    found = validate.problems(routemap)
    assert codes(found) == [("many_starts", "")]
    assert validate.message(found[0]) == "The map has several start points: One, Two."


def test_unreachable_points_and_dead_ends_are_named(bpmn, validate):
    routemap = bpmn.build(
        "P",
        "",
        [
            ("S", "start", "Start"),
            ("A", "action", "Call"),
            ("B", "action", "Forgotten"),
            ("C", "action", "Loop one"),
            ("D", "action", "Loop two"),
            ("E", "end", "End"),
        ],
        [
            ("a", "S", "A"),
            ("b", "A", "E"),
            ("c", "B", "E"),
            ("d", "A", "C"),
            ("e", "C", "D"),
            ("f", "D", "C"),
        ],
    )
    assert codes(validate.problems(routemap)) == [
        ("dead_end", "Loop one"),
        ("dead_end", "Loop two"),
        ("unreachable", "Forgotten"),
    ]
    routemap.arrows.pop("c")
    assert ("no_outgoing", "Forgotten") in codes(validate.problems(routemap))


def test_conditions_need_two_branches_a_default_and_expressions(bpmn, validate):
    routemap = bpmn.build(
        "P",
        "",
        [("S", "start", "Start"), ("K", "condition", "Big?"), ("E", "end", "End")],
        [("a", "S", "K"), ("b", "K", "E", "big", "")],
    )
    # one arrow, no default: kind given by hand (import would call it a merge)
    assert codes(validate.problems(routemap)) == [
        ("condition_branches", "Big?"),
        ("condition_default", "Big?"),
        ("condition_expression", "Big?"),
    ]
    routemap.arrows["c"] = bpmn.Arrow("c", "K", "E", "small")
    routemap.points["K"].default = "c"
    routemap.arrows["b"].condition = "amount >"
    found = validate.problems(routemap, check_expression=lambda text: not text.endswith(">"))
    assert codes(found) == [("condition_invalid", "Big?")]
    assert validate.message(found[0]) == 'Arrow "big" of condition "Big?" has an invalid condition.'


def test_choices_need_named_answers(bpmn, validate):
    routemap = bpmn.build(
        "P",
        "",
        [("S", "start", "Start"), ("C", "choice", "Agree?"), ("E", "end", "End")],
        [("a", "S", "C"), ("b", "C", "E", "Yes")],
    )
    assert codes(validate.problems(routemap)) == [("choice_answers", "Agree?")]
    routemap.arrows["c"] = bpmn.Arrow("c", "C", "E", "")
    assert codes(validate.problems(routemap)) == [("choice_unnamed", "Agree?")]


def test_splits_and_joins_must_be_balanced(bpmn, validate):
    routemap = sale_map(bpmn)
    routemap.arrows["p4"].target = "N"  # one branch skips the join
    found = codes(validate.problems(routemap, settings_ok(routemap), for_interest=True))
    assert ("split_unbalanced", "Approval") in found
    assert ("join_unbalanced", "Approved") in found
    routemap = sale_map(bpmn)
    settings = settings_ok(routemap)
    del settings["PS"]["state_arrow"]
    assert codes(validate.problems(routemap, settings, for_interest=True)) == [
        ("split_state_branch", "Approval")
    ]


def test_nested_splits_inside_a_branch_are_balanced(bpmn, validate):
    routemap = bpmn.build(
        "P",
        "",
        [
            ("S", "start", "Start"),
            ("P1", "split", "Outer"),
            ("P2", "split", "Inner"),
            ("A", "action", "A"),
            ("B", "action", "B"),
            ("J2", "join", "Inner join"),
            ("C", "action", "C"),
            ("J1", "join", "Outer join"),
            ("E", "end", "End"),
        ],
        [
            ("a", "S", "P1"),
            ("b", "P1", "P2"),
            ("c", "P2", "A"),
            ("d", "P2", "B"),
            ("e", "A", "J2"),
            ("f", "B", "J2"),
            ("g", "J2", "J1"),
            ("h", "P1", "C"),
            ("i", "C", "J1"),
            ("j", "J1", "E"),
        ],
    )
    assert validate.problems(routemap) == []
    assert validate.silent_points(routemap, {"P1": "h", "P2": "c"}) == {"P2", "A", "B", "J2"}
    assert validate.silent_points(routemap, {"P1": "b", "P2": "c"}) == {"C", "B"}


def test_point_settings_are_checked(bpmn, validate):
    routemap = sale_map(bpmn)
    settings = settings_ok(routemap)
    settings["A"]["state"] = "missing"
    settings["W"]["state"] = "other"
    settings["X"].update(unsuccessful=True, loss_reason=False)
    settings["B"]["performer"] = "group Sales has no user"
    settings["N"]["called"] = "inactive"
    found = validate.problems(routemap, settings, for_interest=True)
    assert codes(found) == [
        ("end_loss_reason", "Lost"),
        ("nested_inactive", "Contract"),
        ("performer_unresolvable", "Offer"),
        ("state_missing", "Qualification"),
        ("state_other_scenario", "Won"),
    ]
    # an independent map needs no states
    assert codes(validate.problems(routemap, {"PS": {}, "N": {"called": "recursive"}})) == [
        ("nested_recursive", "Contract")
    ]


def test_every_message_reads_as_a_sentence(validate):
    for code in validate.MESSAGES:
        text = validate.message(validate.Problem(code, "P", "D"))
        assert text.endswith(".") and "{" not in text
