"""crm_softphone: PBX events checked and merged into one call, whatever their order."""

import itertools
import json
import random
from datetime import datetime

import pytest
from conftest import load_pure

calls = load_pure("crm_softphone", "calls")

T0 = "2026-11-23T10:00:00Z"


def ev(kind, second, **extra):
    minute, second = divmod(second, 60)
    return {
        "call_id": "c1",
        "event": kind,
        "time": f"2026-11-23T10:{minute:02d}:{second:02d}Z",
        **extra,
    }


def replay(events):
    call = {}
    for event in events:
        call.update(calls.merge(call, calls.check_event(event)))
    return call


CALL = [
    ev("ring", 0, **{"from": "+79161234567", "to": "4951234567", "direction": "incoming"}),
    ev("ring", 1, extension="201"),
    ev("ring", 1, extension="202"),
    ev("answer", 5, extension="202"),
    ev("recording", 6, recording_url="https://pbx.example.com/rec/c1.wav"),
    ev("hangup", 65),
]


def test_call_in_order():
    call = replay(CALL)
    assert call["start"] == datetime(2026, 11, 23, 10, 0, 0)
    assert call["answer"] == datetime(2026, 11, 23, 10, 0, 5)
    assert call["end"] == datetime(2026, 11, 23, 10, 1, 5)
    assert call["answer_extension"] == "202"
    assert call["from"] == "+79161234567"
    assert call["recording_url"].endswith("c1.wav")
    assert calls.talk_seconds(call) == 60
    assert calls.state_of(call) == (calls.STATE_AWAITING, False)
    assert calls.state_of(call, has_result=True) == (calls.STATE_DONE, False)


def test_any_order_and_any_repetition_give_the_same_call():
    expected = replay(CALL)
    rng = random.Random(11)
    for permutation in itertools.islice(itertools.permutations(CALL), 0, 720, 7):
        events = list(permutation) + rng.sample(CALL, 3)
        rng.shuffle(events)
        got = replay(events)
        for key in ("start", "answer", "end", "from", "to", "answer_extension", "recording_url"):
            assert got[key] == expected[key], key
        assert calls.state_of(got) == calls.state_of(expected)


def test_event_applied_twice_changes_nothing():
    call = replay(CALL)
    for event in CALL:
        assert calls.merge(call, calls.check_event(event)) == {}


def test_states_along_a_call():
    assert calls.state_of(replay(CALL[:1])) == (calls.STATE_RINGING, False)
    assert calls.state_of(replay(CALL[:4])) == (calls.STATE_IN_PROGRESS, False)
    missed = replay([CALL[0], CALL[1], CALL[-1]])
    assert calls.state_of(missed) == (calls.STATE_MISSED, True)
    assert calls.talk_seconds(missed) == 0
    # the answer arriving after the hangup turns a "missed" call into an answered one
    late = replay([CALL[0], CALL[-1], CALL[3]])
    assert calls.state_of(late) == (calls.STATE_AWAITING, False)


def test_times_in_any_zone_and_as_timestamps():
    assert calls.parse_time("2026-11-23T13:00:00+03:00") == datetime(2026, 11, 23, 10, 0)
    assert calls.parse_time("2026-11-23 10:00:00") == datetime(2026, 11, 23, 10, 0)
    assert calls.parse_time(1795428000) == datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize(
    "body, message",
    [
        ([], "must be a JSON object"),
        ("ring", "must be a JSON object"),
        ({"event": "ring", "time": T0}, "call_id is required"),
        ({"call_id": "c", "event": "dial", "time": T0}, "event must be one of"),
        ({"call_id": "c", "event": "ring"}, "must be a date and time"),
        ({"call_id": "c", "event": "ring", "time": "yesterday"}, "must be a date and time"),
        ({"call_id": "c", "event": "ring", "time": True}, "must be a date and time"),
        ({"call_id": "c" * 200, "event": "ring", "time": T0}, "at most 128"),
        ({"call_id": "c", "event": "ring", "time": T0, "from": ["1"]}, "from must be a text"),
        ({"call_id": "c", "event": "ring", "time": T0, "direction": "up"}, "direction"),
        ({"call_id": "c", "event": "recording", "time": T0}, "needs its recording_url"),
        (
            {"call_id": "c", "event": "recording", "time": T0, "recording_url": "file:///x"},
            "http(s) link",
        ),
        ({"events": []}, "non-empty list"),
        ({"events": [{"call_id": "c", "event": "ring", "time": T0}, 3]}, "JSON object"),
    ],
)
def test_bad_bodies_are_refused_with_the_reason(body, message):
    with pytest.raises(calls.EventError, match=message.replace("(", r"\(").replace(")", r"\)")):
        calls.check_body(body)


def test_a_batch_of_events_and_numbers_as_integers():
    events = calls.check_body(
        {"events": [{"call_id": 77, "event": "ring", "time": T0, "from": 79161234567}]}
    )
    assert events[0]["call_id"] == "77"
    assert events[0]["from"] == "79161234567"


def test_a_call_folded_from_its_log_is_the_same_for_every_order_and_repetition():
    """A ring group (201 and 202 ring at the same second), the answer, the hangup, and a
    repeated event: every permutation gives the values of the ordered events."""
    events = [
        calls.check_event(e)
        for e in [
            {"call_id": "g", "event": "ring", "time": "2026-11-23T10:00:00Z",
             "from": "+79161234567", "to": "4950000000", "direction": "incoming"},
            {"call_id": "g", "event": "ring", "time": "2026-11-23T10:00:01Z", "extension": "202"},
            {"call_id": "g", "event": "ring", "time": "2026-11-23T10:00:01Z", "extension": "201"},
            {"call_id": "g", "event": "answer", "time": "2026-11-23T10:00:05Z",
             "extension": "202"},
            {"call_id": "g", "event": "hangup", "time": "2026-11-23T10:01:05Z"},
        ]
    ]  # fmt: skip
    ordered = calls.fold(calls.log_with([], events))
    assert ordered["ring_extension"] == "201" and ordered["answer_extension"] == "202"
    assert ordered["from"] == "+79161234567" and calls.talk_seconds(ordered) == 60
    seen = set()
    for order in itertools.permutations([*events, events[2]]):
        log = []
        for event in order:  # one event per request, as a replayed queue sends them
            log = calls.log_with(log, [event])
        seen.add(json.dumps(log))
        assert calls.fold(log) == ordered
    assert len(seen) == 1  # the stored log itself does not depend on the order


def test_every_extension_of_a_ring_group_rang_whatever_the_order():
    """A ring group rings several phones: each one's ring event names its extension; the call
    keeps them all (not only the first), distinct, the same for every order of the events."""
    events = [
        ev("ring", 0, **{"from": "+79161234567"}),
        ev("ring", 1, extension="201"),
        ev("ring", 1, extension="202"),
        ev("ring", 2, extension="201"),
        ev("answer", 5, extension="202"),
        ev("hangup", 65),
    ]
    expected = calls.log_with([], [calls.check_event(e) for e in events])
    assert calls.ringing_extensions(expected) == ["201", "202"]
    for permutation in itertools.permutations(events):
        log = []
        for event in permutation:
            log = calls.log_with(log, [calls.check_event(event)])
        assert calls.ringing_extensions(log) == ["201", "202"]
    # the answering extension is not a ringing one unless it rang; a call without a log
    # keeps the one extension it had
    assert calls.ringing_extensions([], base="203") == ["203"]
    assert calls.ringing_extensions(None) == []
