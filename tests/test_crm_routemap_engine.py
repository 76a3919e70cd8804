import pytest
from crm_routemap_maps import contract_map, load, sale_map


@pytest.fixture
def bpmn():
    return load("bpmn")


@pytest.fixture
def engine():
    return load("engine")


def evaluator(amount, seen):
    """Test stand-in for Odoo's safe_eval: knows the two expressions the maps use."""

    def evaluate(expression, names):
        seen.append(expression)
        if expression == "amount > 1000":
            return amount > 1000
        field, _eq, value = expression.partition(" == ")
        return names.get(field) == value.strip("'")

    return evaluate


def complete(run, point, answer=None):
    (task_id,) = [tid for tid, pid, _proc in run.ready() if pid == point]
    return run.complete(task_id, answer=answer)


def test_typical_sale_runs_through_every_point_kind(bpmn, engine):
    seen = []
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(5000, seen))
    assert [pid for _t, pid, _p in run.ready()] == ["A"]
    assert complete(run, "A") == ["B"]
    assert complete(run, "B") == ["C"]  # the choice is a task for the performer
    # "Yes", then the condition is decided at once: big deal -> split into two branches
    assert sorted(complete(run, "C", answer="F_yes")) == ["F", "L"]
    assert "amount > 1000" in seen
    assert complete(run, "L") == []  # the join waits for the other branch
    assert complete(run, "F") == ["ca"]  # the nested process starts with its own task
    assert sorted(run.current_points()) == ["N", "ca"]  # the parent waits for its child
    assert [proc for _t, pid, proc in run.ready()] == ["Routemap_contract"]
    assert complete(run, "ca") == ["O"]
    assert not run.is_done() and run.end_point() is None
    assert complete(run, "O") == []
    assert run.is_done() and run.end_point() == "W"


def test_other_answers_and_the_default_branch(bpmn, engine):
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(10, []))
    complete(run, "A")
    complete(run, "B")
    assert complete(run, "C", answer="F_yes") == ["O"]  # small deal: the default arrow
    run = engine.Run.start(spec, evaluator(10, []))
    complete(run, "A")
    complete(run, "B")
    assert complete(run, "C", answer="F_no") == []
    assert run.end_point() == "X"


def test_the_state_survives_serialisation(bpmn, engine):
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(5000, []))
    complete(run, "A")
    state = run.dump()
    assert isinstance(state, str) and len(state) < 200_000
    assert '"spec"' not in state and '"Routemap_contract"' not in state  # the map's, not saved
    again = engine.Run.load(state, evaluator(5000, []), spec)
    assert [pid for _t, pid, _p in again.ready()] == ["B"]
    assert again.ready()[0][0] == run.ready()[0][0]  # task ids are kept
    complete(again, "B")
    assert sorted(complete(again, "C", answer="F_yes")) == ["F", "L"]
    complete(again, "L")
    complete(again, "F")
    nested = engine.Run.load(again.dump(), evaluator(5000, []), spec)  # inside the nested map
    assert [proc for _t, _pid, proc in nested.ready()] == ["Routemap_contract"]
    assert complete(nested, "ca") == ["O"]


def test_a_completed_task_cannot_be_completed_twice(bpmn, engine):
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(5000, []))
    ((task_id, _p, _w),) = run.ready()
    run.complete(task_id)
    with pytest.raises(KeyError):
        run.complete(task_id)


def test_specs_are_compiled_once_per_content(bpmn, engine):
    first = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    assert engine.spec_for(sale_map(bpmn), (contract_map(bpmn),)) is first
    changed = sale_map(bpmn)
    changed.points["A"].name = "Qualify again"
    assert engine.spec_for(changed, (contract_map(bpmn),)) is not first


def test_no_python_eval_reaches_the_map(bpmn, engine):
    """Without an evaluator a condition is refused, never handed to Python's eval."""
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, None)
    complete(run, "A")
    complete(run, "B")
    with pytest.raises(Exception) as error:
        complete(run, "C", answer="F_yes")
    assert error.value.error_type == "ScriptRefused"


def test_terminating_cancels_the_waiting_tasks(bpmn, engine):
    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(5000, []))
    run.terminate()
    assert run.ready() == []
    assert run.end_point() is None


def test_a_start_event_named_like_the_engines_own_task_is_renamed_and_starts(bpmn, engine):
    """A file whose start and end events carry the ids "Start" and "End" (what hand-written and
    some exported files use) runs once its reserved ids are renamed; unrenamed, it never started."""
    drawn = bpmn.build(
        "Process_reserved",
        "Reserved ids",
        [("Start", "start", "Request"), ("A", "action", "Call"), ("End", "end", "Done")],
        [("f1", "Start", "A"), ("f2", "A", "End")],
    )
    with pytest.raises(Exception, match="No output task"):  # the defect the rename answers
        engine.Run.start(engine.spec_for(drawn), evaluator(0, []))
    xml, renames = bpmn.rename_reserved(bpmn.to_xml(drawn))
    assert renames == {"End": "End_1", "Start": "Start_1"}
    renamed = bpmn.parse(xml)
    assert set(renamed.points) == {"Start_1", "A", "End_1"}
    assert (renamed.arrows["f1"].source, renamed.arrows["f2"].target) == ("Start_1", "End_1")
    run = engine.Run.start(engine.spec_for(renamed), evaluator(0, []))
    assert [pid for _t, pid, _p in run.ready()] == ["A"]
    assert complete(run, "A") == []
    assert run.is_done() and run.end_point() == "End_1"


def test_a_state_saved_with_its_spec_still_loads(bpmn, engine):
    """States saved before the specs were left out (Spiff's whole serialization) go on."""
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer  # noqa: PLC0415

    spec = engine.spec_for(sale_map(bpmn), (contract_map(bpmn),))
    run = engine.Run.start(spec, evaluator(5000, []))
    complete(run, "A")
    old = BpmnWorkflowSerializer().serialize_json(run.workflow)
    assert '"spec"' in old
    again = engine.Run.load(old, evaluator(5000, []), spec)
    assert [pid for _t, pid, _p in again.ready()] == ["B"]
    assert len(again.dump()) < len(old) / 1.5
