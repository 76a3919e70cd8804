"""Every parse of a map's XML goes through one safe parser, in whatever thread it runs."""

import threading

import pytest
from crm_routemap_maps import CAMUNDA, load
from lxml import etree


@pytest.fixture
def bpmn():
    return load("bpmn")


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET")
    return path


def _with_entity(secret):
    """The Camunda file with an external entity in a task's documentation."""
    doctype = f'<!DOCTYPE definitions [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
    head, body = CAMUNDA.split("\n", 1)
    return head + "\n" + doctype + body.replace("Call the client<", "Call the client &leak;<", 1)


def _in_thread_with_unsafe_default(function):
    """Run `function` in a thread whose default lxml parser resolves entities (what a thread
    that never set Odoo's safe default gets)."""
    outcome = {}

    def run():
        etree.set_default_parser(etree.XMLParser(resolve_entities=True, load_dtd=True))
        try:
            outcome["value"] = function()
        except Exception as error:  # the test looks at it
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_the_unsafe_default_would_leak(secret):
    """The check below is meaningful: lxml's default parser of that thread reads the file."""
    leaked = _in_thread_with_unsafe_default(
        lambda: etree.tostring(etree.fromstring(_with_entity(secret).encode())).decode()
    )
    assert "TOP-SECRET" in leaked


def test_no_function_resolves_an_external_entity_whatever_the_thread(bpmn, secret):
    xml = _with_entity(secret)
    calls = {
        "parse": lambda: repr(bpmn.parse(xml)),
        "rename_process": lambda: bpmn.rename_process(xml, "Routemap_7", "Sale"),
        "set_called_elements": lambda: bpmn.set_called_elements(xml, {"Contract": "P"}),
        "apply_settings": lambda: bpmn.apply_settings(xml, {"big": "[]"}, {}),
        "rename_reserved": lambda: bpmn.rename_reserved(xml)[0],
    }
    for name, call in calls.items():
        for runner in (call, lambda c=call: _in_thread_with_unsafe_default(c)):
            text = runner()
            assert "TOP-SECRET" not in text, name


def test_the_map_reads_the_same_without_the_entity(bpmn, secret):
    assert bpmn.parse(_with_entity(secret)).signature() == bpmn.parse(CAMUNDA).signature()


def test_a_condition_is_a_domain_or_an_expression():
    conditions = load("conditions")
    assert conditions.is_domain('[("expected_revenue", ">", 100000)]')
    assert conditions.is_domain("['|', ('a', '=', 1), ('b', '=', 2)]")
    assert conditions.is_domain("[]")
    assert not conditions.is_domain("object.expected_revenue > 100000")
    assert not conditions.is_domain("object.env['ir.config_parameter'].set_param('a', 'b')")
    assert not conditions.is_domain("[x for x in object.env['res.users'].search([])]")
    assert not conditions.is_domain("")
    assert not conditions.is_domain("[1, 2")
