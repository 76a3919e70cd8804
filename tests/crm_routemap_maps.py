"""Shared maps for the crm_routemap plain-Python tests (loads crm_routemap/pure as a package)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "_pure_crm_routemap_pkg"


def load(module):
    """Import crm_routemap/pure/<module>.py without the addon (whose __init__ imports Odoo)."""
    if PACKAGE not in sys.modules:
        folder = ROOT / "crm_routemap" / "pure"
        spec = importlib.util.spec_from_file_location(
            PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        sys.modules[PACKAGE] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[PACKAGE])
    return importlib.import_module(f"{PACKAGE}.{module}")


# Drawn in Camunda Modeler 5 (vendor attributes, DI, a lane set): the supported subset.
CAMUNDA = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_0x" targetNamespace="http://bpmn.io/schema/bpmn"
  exporter="Camunda Modeler" exporterVersion="5.17.0" modeler:executionPlatform="Camunda Platform">
  <bpmn:process id="Process_sale" name="Sale" isExecutable="true">
    <bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_1" name="Sales">
      <bpmn:flowNodeRef>Start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="Start" name="Request"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Qualify" name="Qualify the client" camunda:assignee="x">
      <bpmn:documentation>Call the client</bpmn:documentation>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="Agree" name="Does the client agree?">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>yes</bpmn:outgoing>
      <bpmn:outgoing>no</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:exclusiveGateway id="Big" name="Big deal?" default="small">
      <bpmn:incoming>yes</bpmn:incoming></bpmn:exclusiveGateway>
    <bpmn:task id="Order" name="Create customer order"/>
    <bpmn:parallelGateway id="Split" name="Approve"/>
    <bpmn:userTask id="Legal" name="Legal check"/>
    <bpmn:userTask id="Finance" name="Finance check"/>
    <bpmn:parallelGateway id="Join"/>
    <bpmn:callActivity id="Contract" name="Contract approval" calledElement="Process_contract"/>
    <bpmn:endEvent id="Won" name="Sold"/>
    <bpmn:endEvent id="Lost" name="Refused"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Qualify"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Qualify" targetRef="Agree"/>
    <bpmn:sequenceFlow id="yes" name="Yes" sourceRef="Agree" targetRef="Big"/>
    <bpmn:sequenceFlow id="no" name="No" sourceRef="Agree" targetRef="Lost"/>
    <bpmn:sequenceFlow id="big" name="big" sourceRef="Big" targetRef="Split">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">amount &gt; 1000</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="Big" targetRef="Order"/>
    <bpmn:sequenceFlow id="s1" sourceRef="Split" targetRef="Legal"/>
    <bpmn:sequenceFlow id="s2" sourceRef="Split" targetRef="Finance"/>
    <bpmn:sequenceFlow id="s3" sourceRef="Legal" targetRef="Join"/>
    <bpmn:sequenceFlow id="s4" sourceRef="Finance" targetRef="Join"/>
    <bpmn:sequenceFlow id="s5" sourceRef="Join" targetRef="Contract"/>
    <bpmn:sequenceFlow id="s6" sourceRef="Contract" targetRef="Order"/>
    <bpmn:sequenceFlow id="f9" sourceRef="Order" targetRef="Won"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_sale">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start">
        <dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""

UNSUPPORTED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:scriptTask id="Script" name="Compute discount"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>
    <bpmn:intermediateCatchEvent id="Wait" name="Two days">
      <bpmn:timerEventDefinition id="T"/></bpmn:intermediateCatchEvent>
    <bpmn:inclusiveGateway id="Or" name="Any of"/>
    <bpmn:userTask id="Ok" name="Fine"/>
    <bpmn:endEvent id="End"/>
  </bpmn:process>
</bpmn:definitions>
"""


def sale_map(bpmn):
    """The typical sale: qualification, offer, a choice, a condition, split/join, a nested map."""
    return bpmn.build(
        "Routemap_sale",
        "Typical sale",
        [
            ("S", "start", "Start"),
            ("A", "action", "Qualification"),
            ("B", "action", "Offer"),
            ("C", "choice", "Does the client agree?"),
            ("K", "condition", "Big deal?", "F_small"),
            ("PS", "split", "Approval"),
            ("L", "action", "Legal check"),
            ("F", "action", "Finance check"),
            ("PJ", "join", "Approved"),
            ("N", "nested", "Contract", "Routemap_contract"),
            ("O", "action", "Create customer order"),
            ("W", "end", "Won"),
            ("X", "end", "Lost"),
        ],
        [
            ("a1", "S", "A"),
            ("a2", "A", "B"),
            ("a3", "B", "C"),
            ("F_yes", "C", "K", "Yes"),
            ("F_no", "C", "X", "No"),
            ("F_big", "K", "PS", "Big", "amount > 1000"),
            ("F_small", "K", "O", "Small"),
            ("p1", "PS", "L"),
            ("p2", "PS", "F"),
            ("p3", "L", "PJ"),
            ("p4", "F", "PJ"),
            ("p5", "PJ", "N"),
            ("p6", "N", "O"),
            ("a9", "O", "W"),
        ],
    )


def contract_map(bpmn):
    return bpmn.build(
        "Routemap_contract",
        "Contract approval",
        [("cs", "start", "Start"), ("ca", "action", "Sign the contract"), ("ce", "end", "Signed")],
        [("c1", "cs", "ca"), ("c2", "ca", "ce")],
    )
