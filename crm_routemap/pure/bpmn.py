"""Route maps as BPMN 2.0: the supported subset, import, export.

Plain Python (lxml only). A map is a set of points (BPMN flow nodes) and arrows
(sequence flows); the 1C settings of each point (state, performer, duration...) live
on the Odoo side, keyed by the point's element id.
"""

from dataclasses import dataclass, field

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# this product's own attributes (the kind the consultant chose for a gateway)
CRM = "https://github.com/crm-1c-way/bpmn"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
etree.register_namespace("crm", CRM)

START, END, ACTION, CONDITION, CHOICE, SPLIT, JOIN, MERGE, NESTED = (
    "start",
    "end",
    "action",
    "condition",
    "choice",
    "split",
    "join",
    "merge",
    "nested",
)
KINDS = (START, END, ACTION, CONDITION, CHOICE, SPLIT, JOIN, MERGE, NESTED)
# kinds that give the performer a task
TASK_KINDS = (ACTION, CHOICE)

# BPMN elements that are no point: accepted and ignored on import
_IGNORED = {
    "sequenceFlow",
    "laneSet",
    "lane",
    "flowNodeRef",
    "documentation",
    "extensionElements",
    "textAnnotation",
    "association",
    "text",
    "incoming",
    "outgoing",
    "conditionExpression",
    "childLaneSet",
}
_TASK_TAGS = {"userTask", "task", "manualTask"}
# what a point may hold besides its arrows and notes: anything else changes how it runs
_POINT_CHILDREN = {"incoming", "outgoing", "documentation", "extensionElements"}
_MARKERS = {
    "standardLoopCharacteristics": "loop marker",
    "multiInstanceLoopCharacteristics": "multi-instance marker",
}


class BpmnError(Exception):
    """The file is no BPMN this product can run. `code` names why, `items` lists what."""

    def __init__(self, code, items=()):
        super().__init__(code, items)
        self.code = code
        self.items = list(items)


@dataclass
class Point:
    id: str
    kind: str
    name: str = ""
    called: str = ""  # nested: the process id of the called map
    default: str = ""  # condition: the id of the default arrow
    chosen: str = ""  # an exclusive gateway: the kind written in the file (condition/choice)


@dataclass
class Arrow:
    id: str
    source: str
    target: str
    name: str = ""
    condition: str = ""


@dataclass
class RouteMap:
    process_id: str = "Process_1"
    name: str = ""
    points: dict = field(default_factory=dict)
    arrows: dict = field(default_factory=dict)

    def outgoing(self, point_id):
        return [a for a in self.arrows.values() if a.source == point_id]

    def incoming(self, point_id):
        return [a for a in self.arrows.values() if a.target == point_id]

    def signature(self):
        """What makes two maps the same map (for round trips)."""
        return (
            sorted((p.id, p.kind, p.name, p.called, p.default) for p in self.points.values()),
            sorted(
                (a.id, a.source, a.target, a.name, a.condition.strip())
                for a in self.arrows.values()
            ),
        )


def _local(element):
    return etree.QName(element).localname


def _parser():
    """The one parser of every map: no entities, no DTD, no network. A new one per document,
    so no thread depends on a default parser another thread set (lxml's is per thread)."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )


def _root(xml):
    """The root element of a document (str or bytes), parsed safely."""
    return etree.fromstring(xml.encode() if isinstance(xml, str) else xml, parser=_parser())


def parse(xml):
    """Read a BPMN 2.0 document (str or bytes) into a RouteMap.

    Refuses (BpmnError) a file that is not XML, has no or several processes, or uses
    elements outside the supported subset: code "unsupported" with items
    ["<element> \"<name>\"", ...].
    """
    try:
        root = _root(xml)
    except etree.XMLSyntaxError as error:
        raise BpmnError("not_xml", [str(error)]) from error
    if _local(root) != "definitions" or etree.QName(root).namespace != BPMN:
        raise BpmnError("not_bpmn")
    processes = root.findall(f"{{{BPMN}}}process")
    if len(processes) != 1:
        raise BpmnError("process_count", [str(len(processes))])
    process = processes[0]
    unsupported = [
        f'messageFlow "{flow.get("name") or flow.get("id")}"'
        for flow in root.iter(f"{{{BPMN}}}messageFlow")
    ]
    routemap = RouteMap(process_id=process.get("id") or "Process_1", name=process.get("name") or "")
    gateways = []
    for element in process:
        if not isinstance(element.tag, str):
            continue
        tag = _local(element)
        if etree.QName(element).namespace != BPMN:
            continue  # vendor extensions (camunda:..., bioc:...) carry no points
        if tag in _IGNORED:
            continue
        name = (element.get("name") or "").strip()
        eid = element.get("id")
        definitions = [
            _local(child) for child in element if _local(child).endswith("EventDefinition")
        ]
        if tag == "startEvent" and not definitions:
            routemap.points[eid] = Point(eid, START, name)
        elif tag == "endEvent" and not definitions:
            routemap.points[eid] = Point(eid, END, name)
        elif tag in _TASK_TAGS:
            routemap.points[eid] = Point(eid, ACTION, name)
        elif tag == "exclusiveGateway":
            routemap.points[eid] = Point(eid, CONDITION, name, default=element.get("default") or "")
            gateways.append(eid)
        elif tag == "parallelGateway":
            routemap.points[eid] = Point(eid, SPLIT, name)
            gateways.append(eid)
        elif tag == "callActivity":
            routemap.points[eid] = Point(
                eid, NESTED, name, called=element.get("calledElement") or ""
            )
        else:
            label = tag + (f" ({', '.join(definitions)})" if definitions else "")
            unsupported.append(f'{label} "{name or eid}"')
            continue
        for child in element:
            if not isinstance(child.tag, str) or etree.QName(child).namespace != BPMN:
                continue
            child_tag = _local(child)
            if child_tag in _POINT_CHILDREN or child_tag.endswith("EventDefinition"):
                continue
            what = _MARKERS.get(child_tag, child_tag)
            unsupported.append(f'{what} on {tag} "{name or eid}"')
        if tag == "exclusiveGateway" and element.get(f"{{{CRM}}}kind") in (CONDITION, CHOICE):
            routemap.points[eid].chosen = element.get(f"{{{CRM}}}kind")
    for element in process.findall(f"{{{BPMN}}}sequenceFlow"):
        condition = element.find(f"{{{BPMN}}}conditionExpression")
        eid = element.get("id")
        routemap.arrows[eid] = Arrow(
            eid,
            element.get("sourceRef"),
            element.get("targetRef"),
            (element.get("name") or "").strip(),
            (condition.text or "").strip() if condition is not None else "",
        )
    if unsupported:
        raise BpmnError("unsupported", unsupported)
    for eid in gateways:
        point = routemap.points[eid]
        outgoing = routemap.outgoing(eid)
        incoming = routemap.incoming(eid)
        if point.kind == SPLIT:
            if len(incoming) > 1 and len(outgoing) <= 1:
                point.kind = JOIN
        elif len(outgoing) <= 1 and len(incoming) > 1:
            point.kind = MERGE
        elif point.chosen:
            point.kind = point.chosen
        elif not any(arrow.condition for arrow in outgoing) and not point.default:
            point.kind = CHOICE
    return routemap


def _sub(parent, tag, ns=BPMN, **attrs):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        if value not in (None, ""):
            element.set(key, str(value))
    return element


_SIZES = {START: (36, 36), END: (36, 36), ACTION: (100, 80), NESTED: (100, 80)}


def _layout(routemap):
    """Left to right by distance from the start, stacked by order: a readable first draw."""
    depth = {}
    starts = [p.id for p in routemap.points.values() if p.kind == START] or list(routemap.points)[
        :1
    ]
    queue = [(sid, 0) for sid in starts]
    while queue:
        pid, level = queue.pop(0)
        if pid in depth:
            continue
        depth[pid] = level
        queue.extend((arrow.target, level + 1) for arrow in routemap.outgoing(pid))
    column_rows = {}
    bounds = {}
    for pid in routemap.points:
        level = depth.get(pid, max(depth.values(), default=0) + 1)
        row = column_rows.get(level, 0)
        column_rows[level] = row + 1
        width, height = _SIZES.get(routemap.points[pid].kind, (50, 50))
        x = 80 + level * 160 + (100 - width) // 2
        y = 80 + row * 130 + (80 - height) // 2
        bounds[pid] = (x, y, width, height)
    return bounds


def to_xml(routemap, bounds=None):
    """A BPMN 2.0 document for `routemap`, with a diagram bpmn-js can show."""
    definitions = etree.Element(f"{{{BPMN}}}definitions", nsmap=NSMAP)
    definitions.set("id", "Definitions_" + routemap.process_id)
    definitions.set("targetNamespace", "http://bpmn.io/schema/bpmn")
    process = _sub(
        definitions, "process", id=routemap.process_id, name=routemap.name, isExecutable="true"
    )
    tags = {
        START: "startEvent",
        END: "endEvent",
        ACTION: "userTask",
        CONDITION: "exclusiveGateway",
        CHOICE: "exclusiveGateway",
        MERGE: "exclusiveGateway",
        SPLIT: "parallelGateway",
        JOIN: "parallelGateway",
        NESTED: "callActivity",
    }
    for point in routemap.points.values():
        element = _sub(process, tags[point.kind], id=point.id, name=point.name)
        if point.kind == CONDITION:
            element.set("default", point.default) if point.default else None
        if point.kind == NESTED:
            element.set("calledElement", point.called)
        for arrow in routemap.incoming(point.id):
            _sub(element, "incoming").text = arrow.id
        for arrow in routemap.outgoing(point.id):
            _sub(element, "outgoing").text = arrow.id
    for arrow in routemap.arrows.values():
        element = _sub(
            process,
            "sequenceFlow",
            id=arrow.id,
            name=arrow.name,
            sourceRef=arrow.source,
            targetRef=arrow.target,
        )
        if arrow.condition:
            expression = _sub(element, "conditionExpression")
            expression.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
            expression.text = arrow.condition
    bounds = bounds or _layout(routemap)
    diagram = _sub(definitions, "BPMNDiagram", BPMNDI, id="Diagram_" + routemap.process_id)
    plane = _sub(diagram, "BPMNPlane", BPMNDI, id="Plane_" + routemap.process_id)
    plane.set("bpmnElement", routemap.process_id)
    for pid, (x, y, width, height) in bounds.items():
        shape = _sub(plane, "BPMNShape", BPMNDI, id=pid + "_di", bpmnElement=pid)
        _sub(shape, "Bounds", DC, x=x, y=y, width=width, height=height)
    for arrow in routemap.arrows.values():
        if arrow.source not in bounds or arrow.target not in bounds:
            continue
        edge = _sub(plane, "BPMNEdge", BPMNDI, id=arrow.id + "_di", bpmnElement=arrow.id)
        sx, sy, sw, sh = bounds[arrow.source]
        tx, ty, _tw, th = bounds[arrow.target]
        _sub(edge, "waypoint", DI, x=sx + sw, y=sy + sh // 2)
        _sub(edge, "waypoint", DI, x=tx, y=ty + th // 2)
    return etree.tostring(
        definitions, pretty_print=True, xml_declaration=True, encoding="UTF-8"
    ).decode()


def rename_process(xml, process_id, name=None):
    """The same document with its process (and its diagram plane) given `process_id`."""
    root = _root(xml)
    process = root.find(f"{{{BPMN}}}process")
    old = process.get("id")
    process.set("id", process_id)
    process.set("isExecutable", "true")
    if name is not None:
        process.set("name", name)
    for plane in root.iter(f"{{{BPMNDI}}}BPMNPlane"):
        if plane.get("bpmnElement") == old:
            plane.set("bpmnElement", process_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


def set_called_elements(xml, called):
    """The same document with each call activity in `called` (id -> process id) pointed there."""
    root = _root(xml)
    for element in root.iter(f"{{{BPMN}}}callActivity"):
        if element.get("id") in called:
            element.set("calledElement", called[element.get("id")])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


def build(process_id, name, points, arrows):
    """A RouteMap from plain tuples: points (id, kind, name[, called|default]),
    arrows (id, source, target[, name[, condition]]). For demo data and tests."""
    routemap = RouteMap(process_id=process_id, name=name)
    for spec in points:
        pid, kind, pname, *extra = spec
        point = Point(pid, kind, pname)
        if extra and kind == NESTED:
            point.called = extra[0]
        elif extra and kind == CONDITION:
            point.default = extra[0]
        routemap.points[pid] = point
    for spec in arrows:
        aid, source, target, *extra = spec
        routemap.arrows[aid] = Arrow(
            aid, source, target, extra[0] if extra else "", extra[1] if len(extra) > 1 else ""
        )
    return routemap


def apply_settings(xml, conditions, defaults, kinds=None):
    """The same document with the arrows' conditions (arrow id -> expression, "" for none),
    the gateways' default arrows (gateway id -> arrow id) and the kinds chosen for exclusive
    gateways (gateway id -> condition/choice) written in."""
    root = _root(xml)
    for element in root.iter(f"{{{BPMN}}}sequenceFlow"):
        if element.get("id") not in conditions:
            continue
        for old in element.findall(f"{{{BPMN}}}conditionExpression"):
            element.remove(old)
        if conditions[element.get("id")]:
            expression = etree.SubElement(element, f"{{{BPMN}}}conditionExpression")
            expression.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
            expression.text = conditions[element.get("id")]
    for element in root.iter(f"{{{BPMN}}}exclusiveGateway"):
        if element.get("id") in defaults:
            element.set("default", defaults[element.get("id")])
        if element.get("id") in (kinds or {}):
            element.set(f"{{{CRM}}}kind", kinds[element.get("id")])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


# ids SpiffWorkflow gives its own tasks in every process: an element with one of them is
# hidden behind that task (a start event "Start" never starts)
RESERVED_IDS = frozenset({"Start", "End", "Root"})
_REFERENCES = ("sourceRef", "targetRef", "default", "bpmnElement", "attachedToRef")
_REFERENCE_TAGS = {"incoming", "outgoing", "flowNodeRef"}


def _reserved(element_id):
    return element_id in RESERVED_IDS or element_id.endswith(".EndJoin")


def rename_reserved(xml):
    """The document with every element whose id the engine reserves given a free id.

    Returns (xml, renames) where renames maps old id -> new id; the diagram (DI), arrows,
    gateway defaults and incoming/outgoing references follow. A document that is not XML, or
    needs no rename, comes back as it is.
    """
    try:
        root = _root(xml)
    except etree.XMLSyntaxError:
        return xml, {}
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    taken = {e.get("id") for e in elements if e.get("id")}
    renames = {}
    for old in sorted(i for i in taken if _reserved(i)):
        base = old.replace(".", "_") + "_1"
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}_{n}"
        taken.add(new)
        renames[old] = new
    if not renames:
        return xml, {}
    for element in elements:
        if element.get("id") in renames:
            element.set("id", renames[element.get("id")])
        for attr in _REFERENCES:
            if element.get(attr) in renames:
                element.set(attr, renames[element.get(attr)])
        if _local(element) in _REFERENCE_TAGS and (element.text or "").strip() in renames:
            element.text = renames[element.text.strip()]
    out = etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()
    return out, renames
