import pytest
from crm_routemap_maps import CAMUNDA, UNSUPPORTED, contract_map, load, sale_map


@pytest.fixture
def bpmn():
    return load("bpmn")


def test_camunda_file_of_the_subset_is_imported_with_every_point_kind(bpmn):
    routemap = bpmn.parse(CAMUNDA)
    kinds = {pid: point.kind for pid, point in routemap.points.items()}
    assert kinds == {
        "Start": "start",
        "Qualify": "action",
        "Agree": "choice",  # arrows carry only answers
        "Big": "condition",  # arrows carry conditions and a default
        "Order": "action",
        "Split": "split",
        "Legal": "action",
        "Finance": "action",
        "Join": "join",
        "Contract": "nested",
        "Won": "end",
        "Lost": "end",
    }
    assert routemap.process_id == "Process_sale"
    assert routemap.points["Agree"].name == "Does the client agree?"
    assert routemap.points["Big"].default == "small"
    assert routemap.points["Contract"].called == "Process_contract"
    assert routemap.arrows["big"].condition == "amount > 1000"
    assert routemap.arrows["yes"].name == "Yes"
    assert [a.id for a in routemap.outgoing("Split")] == ["s1", "s2"]


def test_elements_outside_the_subset_are_refused_with_their_names(bpmn):
    with pytest.raises(bpmn.BpmnError) as refusal:
        bpmn.parse(UNSUPPORTED)
    assert refusal.value.code == "unsupported"
    assert refusal.value.items == [
        'scriptTask "Compute discount"',
        'intermediateCatchEvent (timerEventDefinition) "Two days"',
        'inclusiveGateway "Any of"',
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not xml at all <", "not_xml"),
        ("<root/>", "not_bpmn"),
        (
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
            "process_count",
        ),
    ],
)
def test_files_that_are_no_bpmn_process_are_refused(bpmn, text, code):
    with pytest.raises(bpmn.BpmnError) as refusal:
        bpmn.parse(text)
    assert refusal.value.code == code


def test_an_end_event_with_a_definition_is_refused(bpmn):
    text = CAMUNDA.replace(
        '<bpmn:endEvent id="Lost" name="Refused"/>',
        '<bpmn:endEvent id="Lost" name="Refused"><bpmn:errorEventDefinition/></bpmn:endEvent>',
    )
    with pytest.raises(bpmn.BpmnError) as refusal:
        bpmn.parse(text)
    assert refusal.value.items == ['endEvent (errorEventDefinition) "Refused"']


def test_export_then_import_gives_the_same_map(bpmn):
    for original in (bpmn.parse(CAMUNDA), sale_map(bpmn), contract_map(bpmn)):
        again = bpmn.parse(bpmn.to_xml(original))
        assert again.signature() == original.signature()
        assert again.process_id == original.process_id
        assert bpmn.parse(bpmn.to_xml(again)).signature() == original.signature()


def test_export_draws_every_point_and_arrow(bpmn):
    routemap = sale_map(bpmn)
    xml = bpmn.to_xml(routemap)
    for pid in routemap.points:
        assert f'bpmnElement="{pid}"' in xml
    for aid in routemap.arrows:
        assert f'bpmnElement="{aid}"' in xml


def test_renaming_the_process_keeps_the_diagram_attached(bpmn):
    xml = bpmn.rename_process(CAMUNDA, "Routemap_7", "Sale v2")
    routemap = bpmn.parse(xml)
    assert routemap.process_id == "Routemap_7"
    assert routemap.name == "Sale v2"
    assert 'bpmnElement="Routemap_7"' in xml
    xml = bpmn.set_called_elements(xml, {"Contract": "Routemap_9"})
    assert bpmn.parse(xml).points["Contract"].called == "Routemap_9"


def test_reserved_ids_are_renamed_with_every_reference(bpmn):
    xml, renames = bpmn.rename_reserved(CAMUNDA)
    assert renames == {"Start": "Start_1"}
    assert 'bpmnElement="Start_1"' in xml and "<bpmn:flowNodeRef>Start_1<" in xml
    routemap = bpmn.parse(xml)
    assert "Start" not in routemap.points and routemap.points["Start_1"].kind == "start"
    assert routemap.arrows["f1"].source == "Start_1"
    # a document that needs nothing (or is no XML) comes back untouched
    assert bpmn.rename_reserved(xml) == (xml, {})
    assert bpmn.rename_reserved("not xml") == ("not xml", {})


def test_what_the_engine_would_not_run_as_drawn_is_refused_by_name(bpmn):
    marked = CAMUNDA.replace(
        '<bpmn:userTask id="Legal" name="Legal check"/>',
        '<bpmn:userTask id="Legal" name="Legal check"><bpmn:standardLoopCharacteristics/>'
        "</bpmn:userTask>",
    ).replace(
        '<bpmn:userTask id="Finance" name="Finance check"/>',
        '<bpmn:userTask id="Finance" name="Finance check">'
        '<bpmn:multiInstanceLoopCharacteristics isSequential="true"/></bpmn:userTask>',
    )
    marked = marked.replace(
        "</bpmn:process>",
        '</bpmn:process>\n  <bpmn:collaboration id="C"><bpmn:participant id="Pool" '
        'processRef="Process_sale"/><bpmn:participant id="Client"/>'
        '<bpmn:messageFlow id="M" name="Order by mail" sourceRef="Client" targetRef="Qualify"/>'
        "</bpmn:collaboration>",
    )
    marked = marked.replace(
        '<bpmn:endEvent id="Won" name="Sold"/>',
        '<bpmn:endEvent id="Won" name="Sold"/><bpmn:boundaryEvent id="Late" name="Late" '
        'attachedToRef="Qualify"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>'
        '<bpmn:subProcess id="Ev" name="On cancel" triggeredByEvent="true"/>',
    )
    with pytest.raises(bpmn.BpmnError) as refusal:
        bpmn.parse(marked)
    assert refusal.value.code == "unsupported"
    assert sorted(refusal.value.items) == sorted(
        [
            'messageFlow "Order by mail"',
            'loop marker on userTask "Legal check"',
            'multi-instance marker on userTask "Finance check"',
            'boundaryEvent (timerEventDefinition) "Late"',
            'subProcess "On cancel"',
        ]
    )


def test_the_kind_chosen_for_a_gateway_survives_export_and_import(bpmn):
    routemap = bpmn.parse(CAMUNDA)
    assert routemap.points["Agree"].kind == "choice"
    # the consultant says "Agree" is a condition and "Big" a choice: written in the file
    exported = bpmn.apply_settings(CAMUNDA, {}, {}, {"Agree": "condition", "Big": "choice"})
    again = bpmn.parse(exported)
    assert again.points["Agree"].kind == "condition"
    assert again.points["Big"].kind == "choice"
    assert 'xmlns:crm="https://github.com/crm-1c-way/bpmn"' in exported
