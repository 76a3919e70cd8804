"""Running route maps on SpiffWorkflow, with conditions evaluated by a given function.

Plain Python (SpiffWorkflow, lxml). The Odoo side passes `evaluate(expression, names)`
built on `odoo.tools.safe_eval`: Spiff's own Python `eval`/`exec` is never used (scripts
are refused outright).

A choice point (an exclusive gateway whose arrows carry only answers) is compiled into a
user task followed by a gateway whose arrows test the answer the performer picked.
"""

import copy
import hashlib
import json
import logging
from uuid import UUID

from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import (
    BasePythonScriptEngineEnvironment,
)
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from . import bpmn

logging.getLogger("spiff").setLevel(logging.WARNING)  # a line per task state is noise

ANSWER = "routemap_answer"
_ANSWER_SUFFIX = "__answer"


class ScriptRefused(Exception):
    """A map tried to run a script: route maps have none."""


class _Environment(BasePythonScriptEngineEnvironment):
    def __init__(self, evaluate):
        super().__init__({})
        self._evaluate = evaluate

    def evaluate(self, expression, context, external_context=None):
        names = dict(context)
        names.update(external_context or {})
        return self._evaluate(expression, names)

    def execute(self, script, context, external_context=None):
        raise ScriptRefused(script)

    def call_service(self, context, **kwargs):
        raise ScriptRefused("service")


def _refuse(expression, names):
    raise ScriptRefused(expression)


def script_engine(evaluate=None):
    return PythonScriptEngine(environment=_Environment(evaluate or _refuse))


def compile_map(routemap):
    """The runnable copy of a map: choices turned into a task and an answer gateway."""
    runnable = copy.deepcopy(routemap)
    for point in list(routemap.points.values()):
        if point.kind == bpmn.CHOICE:
            gateway_id = point.id + _ANSWER_SUFFIX
            runnable.points[point.id] = bpmn.Point(point.id, bpmn.ACTION, point.name)
            arrows = runnable.outgoing(point.id)
            runnable.points[gateway_id] = bpmn.Point(
                gateway_id, bpmn.CONDITION, point.name, default=arrows[-1].id if arrows else ""
            )
            for arrow in arrows:
                arrow.source = gateway_id
                arrow.condition = f"{ANSWER} == {arrow.id!r}"
            runnable.arrows[gateway_id + "_flow"] = bpmn.Arrow(
                gateway_id + "_flow", point.id, gateway_id
            )
        elif point.kind == bpmn.MERGE:
            arrows = runnable.outgoing(point.id)
            runnable.points[point.id].kind = bpmn.CONDITION
            runnable.points[point.id].default = arrows[0].id if arrows else ""
        elif point.kind == bpmn.JOIN:
            runnable.points[point.id].kind = bpmn.SPLIT  # same BPMN element
    return runnable


class Spec:
    """A map version compiled once: its Spiff specs (with the maps it nests)."""

    def __init__(self, main, nested=()):
        parser = BpmnParser()
        for routemap in (main, *nested):
            parser.add_bpmn_str(bpmn.to_xml(compile_map(routemap)).encode())
        self.process_id = main.process_id
        self.spec = parser.get_spec(main.process_id)
        self.subprocess_specs = parser.get_subprocess_specs(main.process_id)
        self._saved = None

    def saved(self):
        """The part of a saved state that is the map's (its specs), as JSON: a saved state
        leaves it out (one copy a map version, kept here) and a load puts it back."""
        if self._saved is None:
            dct = _to_dict(BpmnWorkflow(self.spec, self.subprocess_specs))
            self._saved = json.dumps({key: dct[key] for key in _SPEC_KEYS})
        return self._saved


_SPECS = {}
_SPECS_MAX = 256


def spec_key(main, nested=()):
    """The content key of a map version and the maps it nests."""
    text = repr([(m.process_id, m.signature()) for m in (main, *nested)])
    return hashlib.sha1(text.encode()).hexdigest()


def spec_for(main, nested=()):
    """The compiled spec of a map version, compiled once per content (cached)."""
    key = spec_key(main, nested)
    spec = _SPECS.get(key)
    if spec is None:
        if len(_SPECS) >= _SPECS_MAX:
            _SPECS.clear()
        spec = _SPECS[key] = Spec(main, tuple(nested))
    return spec


_SERIALIZER = BpmnWorkflowSerializer()
# the keys of Spiff's serialization that hold the map version's specs, not the process's state
_SPEC_KEYS = ("spec", "subprocess_specs")


def _to_dict(workflow):
    """Spiff's dictionary of `workflow` as `serialize_json` makes it (its encoder mode on)."""
    registry = _SERIALIZER.registry
    registry._encoder_mode = True
    try:
        dct = _SERIALIZER.to_dict(workflow)
        dct[_SERIALIZER.VERSION_KEY] = _SERIALIZER.VERSION
        return dct
    finally:
        registry._encoder_mode = False


class Run:
    """One running process: a Spiff workflow, its state as JSON, its ready points."""

    def __init__(self, workflow):
        self.workflow = workflow

    # -- life cycle
    @classmethod
    def start(cls, spec, evaluate, data=None):
        workflow = BpmnWorkflow(
            spec.spec, spec.subprocess_specs, script_engine=script_engine(evaluate)
        )
        workflow.data.update(data or {})
        start = workflow.get_next_task(state=TaskState.READY, manual=False)
        if start is not None:
            start.data.update(data or {})
        run = cls(workflow)
        run.workflow.do_engine_steps()
        return run

    @classmethod
    def load(cls, state, evaluate, spec):
        """The run saved as `state` (by `dump`, or with its specs by an earlier version) of
        the map version compiled as `spec`."""
        dct = json.loads(state)
        if "spec" not in dct:
            dct.update(json.loads(spec.saved()))
        _SERIALIZER.migrate(dct)
        workflow = _SERIALIZER.from_dict(dct)
        workflow.script_engine = script_engine(evaluate)  # subprocesses use the top one's
        return cls(workflow)

    def dump(self):
        """The process's state as JSON, without its map's specs (`Spec.saved`)."""
        dct = _to_dict(self.workflow)
        for key in _SPEC_KEYS:
            del dct[key]
        return json.dumps(dct, cls=_SERIALIZER._encoder_cls)

    # -- state
    def ready(self):
        """[(task id, point id, process id)] of the tasks waiting for a performer."""
        result = []
        for task in self.workflow.get_tasks(state=TaskState.READY, manual=True):
            result.append((str(task.id), task.task_spec.name, task.workflow.spec.name))
        return result

    def current_points(self):
        """Point ids the process stands at: waiting tasks and nested processes."""
        points = [point for _tid, point, _pid in self.ready()]
        for task in self.workflow.get_tasks(state=TaskState.STARTED | TaskState.WAITING):
            if task.workflow is self.workflow and task.task_spec.name in self._point_ids():
                points.append(task.task_spec.name)
        return points

    def _point_ids(self):
        return set(self.workflow.spec.task_specs)

    def is_done(self):
        return self.workflow.is_completed()

    def end_point(self):
        """The end point of the main map the process finished at, or None."""
        if not self.workflow.is_completed():
            return None
        ends = [
            task
            for task in self.workflow.get_tasks(state=TaskState.COMPLETED)
            if task.workflow is self.workflow and type(task.task_spec).__name__ == "EndEvent"
        ]
        return ends[-1].task_spec.name if ends else None

    def complete(self, task_id, answer=None, data=None):
        """Complete one waiting task; then run until people are needed again.

        Returns the point ids reached (tasks that became ready) by this step.
        """
        before = {tid for tid, _p, _w in self.ready()}
        task = self.workflow.get_task_from_id(_uuid(task_id))
        if task is None or task.state != TaskState.READY:
            raise KeyError(task_id)
        if answer is not None:
            task.data[ANSWER] = answer
        task.data.update(data or {})
        task.run()
        self.workflow.do_engine_steps()
        return [point for tid, point, _w in self.ready() if tid not in before]

    def terminate(self):
        self.workflow.cancel()


def _uuid(task_id):
    return UUID(str(task_id))
