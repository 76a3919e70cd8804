"""Validation of a route map before activation: every problem, in plain words.

`problems()` returns a list of Problem(code, point, detail); the Odoo side turns each
code into a translated sentence (see MESSAGES for the English meaning of each).
"""

from collections import namedtuple

from . import bpmn

Problem = namedtuple("Problem", "code point detail")

MESSAGES = {
    "no_start": "The map has no start point.",
    "many_starts": "The map has several start points: {detail}.",
    "no_end": "The map has no end point.",
    "unreachable": 'Point "{point}" cannot be reached from the start.',
    "dead_end": 'Point "{point}" does not lead to any end point.',
    "no_outgoing": 'Point "{point}" has no outgoing arrow.',
    "condition_branches": 'Condition "{point}" needs at least two outgoing arrows.',
    "condition_default": 'Condition "{point}" needs a default arrow (taken when no condition holds).',
    "condition_expression": 'Arrow "{detail}" of condition "{point}" has no condition.',
    "condition_invalid": 'Arrow "{detail}" of condition "{point}" has an invalid condition.',
    "choice_answers": 'Choice "{point}" needs at least two answers (outgoing arrows).',
    "choice_unnamed": 'An answer of choice "{point}" has no name: name every outgoing arrow.',
    "split_unbalanced": 'The branches of split "{point}" do not meet again at one join.',
    "join_unbalanced": 'Join "{point}" does not close exactly the branches of one split.',
    "split_state_branch": 'Split "{point}" has no branch marked as the state-changing one.',
    "state_missing": 'Point "{point}" has no scenario state.',
    "state_other_scenario": 'The state of point "{point}" is not a state of the map\'s scenario.',
    "performer_unresolvable": 'The performer of point "{point}" cannot be found: {detail}.',
    "nested_missing": 'Nested process "{point}" names no map.',
    "nested_inactive": 'The map of nested process "{point}" is not active.',
    "nested_recursive": 'Nested process "{point}" calls back a map that contains it.',
    "end_loss_reason": 'Unsuccessful end "{point}" needs a loss reason.',
}


def _reach(routemap, start, forward=True):
    seen = set()
    todo = [start]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        arrows = routemap.outgoing(pid) if forward else routemap.incoming(pid)
        todo.extend(a.target if forward else a.source for a in arrows)
    return seen


def closing_join(routemap, split_id):
    """The join where every branch of `split_id` meets, or None when they do not meet at one."""
    joins = set()
    for arrow in routemap.outgoing(split_id):
        joins |= _branch_joins(routemap, arrow.target, {split_id})
    joins.discard("loop")
    if len(joins) != 1 or None in joins:
        return None
    join = joins.pop()
    if len(routemap.incoming(join)) != len(routemap.outgoing(split_id)):
        return None
    return join


def _branch_joins(routemap, pid, seen):
    """Joins that close a branch starting at `pid` ("loop" for a way back, None for an end)."""
    if pid in seen:
        return {"loop"}
    seen = seen | {pid}
    point = routemap.points.get(pid)
    if point is None or point.kind == bpmn.END:
        return {None}
    if point.kind == bpmn.JOIN:
        return {pid}
    if point.kind == bpmn.SPLIT:
        inner = closing_join(routemap, pid)
        if inner is None:
            return {None}
        pid, seen = inner, seen | {inner}
    result = set()
    for arrow in routemap.outgoing(pid):
        result |= _branch_joins(routemap, arrow.target, seen)
    return result or {None}


def branch_points(routemap, split_id):
    """Per outgoing arrow of a split: the points on that branch before its join."""
    join = closing_join(routemap, split_id)
    result = {}
    for arrow in routemap.outgoing(split_id):
        seen = set()
        todo = [arrow.target]
        while todo:
            pid = todo.pop()
            if pid in seen or pid == join or pid == split_id:
                continue
            seen.add(pid)
            todo.extend(a.target for a in routemap.outgoing(pid))
        result[arrow.id] = seen
    return result


def silent_points(routemap, state_arrows):
    """Points whose reach does not change the interest's state: those on the branches of a
    split other than its state-changing one (`state_arrows`: split id -> arrow id)."""
    silent = set()
    for point in routemap.points.values():
        if point.kind != bpmn.SPLIT:
            continue
        branches = branch_points(routemap, point.id)
        chosen = state_arrows.get(point.id)
        for arrow_id, points in branches.items():
            if arrow_id != chosen:
                silent |= points
    for point in routemap.points.values():  # a point on the chosen branch of an inner split
        if point.kind == bpmn.SPLIT and point.id in silent:
            for points in branch_points(routemap, point.id).values():
                silent |= points
    return silent


def problems(routemap, settings=None, for_interest=False, check_expression=None):
    """Every problem of `routemap`.

    settings: point id -> dict with any of
        state ("ok" / "missing" / "other"), performer (None or a reason),
        called ("ok" / "missing" / "inactive" / "recursive"), state_arrow (arrow id),
        unsuccessful (bool), loss_reason (bool)
    for_interest: the map drives interests (states required on action and end points,
        a state-changing branch on every split).
    check_expression: callable(expression) -> bool, False for an invalid condition.
    """
    settings = settings or {}
    found = []
    points = routemap.points
    label = {pid: point.name or pid for pid, point in points.items()}

    def arrow_label(arrow):
        """An arrow as the consultant knows it: its label, else where it goes."""
        return arrow.name or f"{label.get(arrow.source, arrow.source)} → " + label.get(
            arrow.target, arrow.target
        )

    def add(code, pid=None, detail=""):
        found.append(Problem(code, label.get(pid, "") if pid else "", detail))

    starts = [p for p in points.values() if p.kind == bpmn.START]
    ends = [p for p in points.values() if p.kind == bpmn.END]
    if not starts:
        add("no_start")
    elif len(starts) > 1:
        add("many_starts", detail=", ".join(label[p.id] for p in starts))
    if not ends:
        add("no_end")
    if starts:
        reached = set()
        for start in starts:
            reached |= _reach(routemap, start.id)
        for pid in points:
            if pid not in reached:
                add("unreachable", pid)
    if ends:
        reaching = set()
        for end in ends:
            reaching |= _reach(routemap, end.id, forward=False)
        for pid, point in points.items():
            if point.kind != bpmn.END and not routemap.outgoing(pid):
                add("no_outgoing", pid)
            elif pid not in reaching:
                add("dead_end", pid)
    closed_joins = {}
    for pid, point in points.items():
        outgoing = routemap.outgoing(pid)
        conf = settings.get(pid, {})
        if point.kind == bpmn.CONDITION:
            if len(outgoing) < 2:
                add("condition_branches", pid)
            if point.default not in {a.id for a in outgoing}:
                add("condition_default", pid)
            for arrow in outgoing:
                if arrow.id == point.default:
                    continue
                if not arrow.condition:
                    add("condition_expression", pid, arrow_label(arrow))
                elif check_expression and not check_expression(arrow.condition):
                    add("condition_invalid", pid, arrow_label(arrow))
        elif point.kind == bpmn.CHOICE:
            if len(outgoing) < 2:
                add("choice_answers", pid)
            if any(not arrow.name for arrow in outgoing):
                add("choice_unnamed", pid)
        elif point.kind == bpmn.SPLIT:
            join = closing_join(routemap, pid)
            if join is None:
                add("split_unbalanced", pid)
            else:
                closed_joins.setdefault(join, []).append(pid)
            if for_interest and conf.get("state_arrow") not in {a.id for a in outgoing}:
                add("split_state_branch", pid)
        elif point.kind == bpmn.NESTED:
            called = conf.get("called", "ok" if point.called else "missing")
            if called != "ok":
                add("nested_" + called, pid)
        if for_interest and point.kind in (bpmn.ACTION, bpmn.END):
            state = conf.get("state", "missing")
            if state == "missing":
                add("state_missing", pid)
            elif state == "other":
                add("state_other_scenario", pid)
        if point.kind in bpmn.TASK_KINDS and conf.get("performer"):
            add("performer_unresolvable", pid, conf["performer"])
        if point.kind == bpmn.END and conf.get("unsuccessful") and for_interest:
            if not conf.get("loss_reason"):
                add("end_loss_reason", pid)
    for pid, point in points.items():
        if point.kind == bpmn.JOIN and len(closed_joins.get(pid, [])) != 1:
            add("join_unbalanced", pid)
    return found


def message(problem):
    """The English sentence of a problem (the Odoo side translates its own copy)."""
    return MESSAGES[problem.code].format(point=problem.point, detail=problem.detail)
