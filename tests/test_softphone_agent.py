"""crm_softphone's agent against a scripted AMI peer and a loopback stand-in for Odoo."""

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pytest
from test_softphone_peers import AmiPeer, FakeOdoo, calls, incoming_call

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import load_pure  # noqa: E402

from softphone_agent.agent import Agent  # noqa: E402
from softphone_agent.cli import parser  # noqa: E402
from softphone_agent.diskqueue import DiskQueue, waiting  # noqa: E402
from softphone_agent.translate import Translator  # noqa: E402

ami = load_pure("crm_softphone", "ami")


def config(peer, odoo, queue_dir, *extra):
    return parser().parse_args(
        [
            f"--odoo-url={odoo.url}",
            f"--pbx-id={odoo.pbx_id}",
            f"--token={odoo.token}",
            f"--ami-port={peer.port}",
            "--ami-user=crm",
            "--ami-secret=s3cret",
            f"--queue-dir={queue_dir}",
            "--retry-delay=0.1",
            "--max-retry-delay=0.3",
            "--reconnect-delay=0",
            "--recording-url=https://pbx.example.com/rec/{file}",
            *extra,
        ]
    )


async def until(predicate, timeout=10.0, what="condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def test_translation_of_an_incoming_call():
    translator = Translator(recording_url="https://pbx/rec/{file}")
    events = []
    for message in incoming_call("1700000000.10", "+79161234567", "201", 1700000000.0):
        events += translator.events(message)
    assert [e["event"] for e in events] == ["ring", "ring", "answer", "hangup"]
    assert events[0]["from"] == "+79161234567" and events[0]["direction"] == "incoming"
    assert events[1]["extension"] == "201" and events[2]["extension"] == "201"
    assert all(e["call_id"] == "1700000000.10" for e in events)
    for event in events:  # every event is one the endpoint takes
        calls.check_event(event)
    outgoing = translator.events(
        {"Event": "Newchannel", "Channel": "PJSIP/201-0001", "CallerIDNum": "201",
         "Exten": "89161234567", "Uniqueid": "9.1", "Linkedid": "9.1"}
    )  # fmt: skip
    assert outgoing[0]["direction"] == "outgoing" and outgoing[0]["extension"] == "201"
    recording = translator.events(
        {"Event": "VarSet", "Variable": "MIXMONITOR_FILENAME", "Uniqueid": "9.1",
         "Linkedid": "9.1", "Value": "/var/spool/asterisk/monitor/9.1.wav"}
    )  # fmt: skip
    assert recording[0]["recording_url"] == "https://pbx/rec/9.1.wav"
    assert translator.events({"Event": "Newexten", "Linkedid": "9.1", "Uniqueid": "9.1"}) == []


def test_disk_queue_survives_a_restart_in_order(tmp_path):
    queue = DiskQueue(tmp_path)
    for i in range(5):
        queue.put({"n": i})
    (tmp_path / "0000000000000099.tmp").write_text("{half")  # a crash while writing
    again = DiskQueue(tmp_path)
    assert [e["n"] for __, e in again.peek()] == [0, 1, 2, 3, 4]
    again.ack([p for p, __ in again.peek(2)])
    again.put({"n": 5})
    assert [e["n"] for __, e in DiskQueue(tmp_path).peek()] == [2, 3, 4, 5]


def test_disk_queue_failing_part_way_queues_each_event_once(tmp_path):
    queue = DiskQueue(tmp_path)
    queue.put({"n": 0})
    # the disk refuses the third event of a batch (a folder where its file goes)
    blocker = queue.path_of(queue.next_seq + 1)
    blocker.mkdir()
    with pytest.raises(OSError) as refused:
        queue.put_many([{"n": 1}, {"n": 2}, {"n": 3}])
    assert refused.value.written == 1
    assert [e["n"] for __, e in queue.peek()] == [0, 1]
    blocker.rmdir()
    queue.put_many([{"n": 2}, {"n": 3}])  # what the agent writes again: the rest only
    assert [e["n"] for __, e in queue.peek()] == [0, 1, 2, 3]
    assert [e["n"] for __, e in DiskQueue(tmp_path).peek()] == [0, 1, 2, 3]
    assert waiting(tmp_path) == 4


def test_agent_stops_when_told_as_new_events_wake_it(tmp_path):
    asyncio.run(_stop_as_woken(tmp_path))


async def _stop_as_woken(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    agent = Agent(config(peer, odoo, tmp_path / "q"))
    task = asyncio.create_task(agent.run())
    try:
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        await until(lambda: agent.waiting is None, what="the queue sent")
        await asyncio.sleep(0.1)  # the sender waits for new events
        agent.wakeup.set()  # events written at the moment the agent is stopped
        task.cancel()
        await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 5)
        assert task.cancelled()
    finally:
        task.cancel()
        odoo.down()
        await peer.stop()


def test_agent_loses_and_doubles_nothing_across_odoo_and_pbx_outages(tmp_path):
    asyncio.run(_outages(tmp_path))


async def _outages(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    queue_dir = tmp_path / "queue"
    agent = Agent(config(peer, odoo, queue_dir))
    task = asyncio.create_task(agent.run())
    try:
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        start = 1795428000.0
        for message in incoming_call("1795428000.1", "+79161234567", "201", start):
            await peer.emit(message)
        await until(lambda: len(odoo.received) == 4, what="call 1 in Odoo")

        # Odoo stops: the events wait on disk
        odoo.down()
        for message in incoming_call("1795428100.2", "84951234567", "202", start + 100, False):
            await peer.emit(message)
        await until(lambda: waiting(queue_dir) == 3, what="call 2 queued on disk")
        # the agent itself restarts meanwhile: the queue is on disk, not in memory
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        agent = Agent(config(peer, odoo, queue_dir))
        task = asyncio.create_task(agent.run())
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        for message in incoming_call("1795428200.3", "+74957654321", "201", start + 200):
            await peer.emit(message)
        await until(lambda: waiting(queue_dir) == 7, what="call 3 queued on disk")
        assert len(odoo.received) == 4

        # Odoo answers 503 for a while (restarting): still nothing lost
        odoo.fail_with = 503
        odoo.up()
        await asyncio.sleep(0.5)
        assert waiting(queue_dir) == 7
        odoo.fail_with = None
        await until(lambda: len(odoo.received) == 11, what="queued calls resent")
        await until(lambda: not waiting(queue_dir), what="queue emptied")

        # the PBX drops the connection: the agent logs in again and goes on
        logins = peer.logins
        await peer.drop()
        await until(lambda: peer.logins > logins and peer.clients, what="AMI reconnection")
        for message in incoming_call("1795428300.4", "+79161234567", "201", start + 300):
            await peer.emit(message)
        await until(lambda: len(odoo.received) == 15, what="call 4 in Odoo")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()

    # none lost, none doubled, each call's events in the order they happened
    keys = [(e["call_id"], e["event"], e.get("extension"), e["time"]) for e in odoo.received]
    assert len(keys) == len(set(keys)) == 15
    for call_id in ("1795428000.1", "1795428100.2", "1795428200.3", "1795428300.4"):
        times = [e["time"] for e in odoo.received if e["call_id"] == call_id]
        assert times == sorted(times)
    answered = odoo.calls["1795428000.1"]
    assert calls.state_of(answered) == (calls.STATE_AWAITING, False)
    assert answered["answer_extension"] == "201" and calls.talk_seconds(answered) == 60
    missed = odoo.calls["1795428100.2"]
    assert calls.state_of(missed) == (calls.STATE_MISSED, True)
    assert missed["from"] == "84951234567" and missed["ring_extension"] == "202"


def test_invalid_event_is_set_aside_not_resent_forever(tmp_path):
    asyncio.run(_invalid(tmp_path))


async def _invalid(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    queue = DiskQueue(tmp_path / "q")
    queue.put({"call_id": "x", "event": "ring", "time": 1795428000})
    queue.put({"call_id": "x", "event": "explode", "time": 1795428001})
    queue.put({"call_id": "x", "event": "hangup", "time": 1795428002})
    agent = Agent(config(peer, odoo, tmp_path / "q"))
    task = asyncio.create_task(agent.run())
    try:
        await until(lambda: len(odoo.received) == 2, what="valid events")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()
    assert [e["event"] for e in odoo.received] == ["ring", "hangup"]
    assert len(list((tmp_path / "q" / "rejected").glob("*.json"))) == 1


def test_check_mode_says_which_side_fails(tmp_path):
    asyncio.run(_check(tmp_path))


async def _run_check(peer, odoo, tmp_path, *extra):
    args = [
        sys.executable, "-m", "softphone_agent", "--check", f"--odoo-url={odoo.url}",
        f"--pbx-id={odoo.pbx_id}", f"--token={odoo.token}", f"--ami-port={peer.port}",
        "--ami-user=crm", "--ami-secret=s3cret", f"--queue-dir={tmp_path / 'q'}",
        "--timeout=3", *extra,
    ]  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        *args, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, __ = await process.communicate()
    return process.returncode, out.decode()


async def _check(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    try:
        code, out = await _run_check(peer, odoo, tmp_path)
        assert code == 0, out
        assert "logged in" in out and "token accepted" in out
        code, out = await _run_check(peer, odoo, tmp_path, "--token=wrong")
        assert code == 1 and "answered 401" in out
        code, out = await _run_check(peer, odoo, tmp_path, "--ami-secret=bad")
        assert code == 1 and "refused the login" in out
        odoo.down()
        code, out = await _run_check(peer, odoo, tmp_path)
        assert code == 1 and "cannot be reached" in out and "logged in" in out
    finally:
        odoo.down()
        await peer.stop()


def test_click_to_dial_originates_through_the_ami(tmp_path):
    asyncio.run(_originate())


async def _originate():
    peer = await AmiPeer().start()
    try:
        answer = await asyncio.to_thread(
            ami.originate, "127.0.0.1", peer.port, "crm", "s3cret",
            channel="PJSIP/201", exten="+79161234567", context="from-internal", caller_id="201",
        )  # fmt: skip
        assert answer["Response"] == "Success"
        originate = [a for a in peer.actions if a.get("Action") == "Originate"]
        assert originate[0]["Channel"] == "PJSIP/201"
        assert originate[0]["Exten"] == "+79161234567"
        assert originate[0]["Context"] == "from-internal"
        with pytest.raises(ami.AmiError, match="Authentication failed"):
            await asyncio.to_thread(
                ami.originate, "127.0.0.1", peer.port, "crm", "wrong",
                channel="PJSIP/201", exten="+79161234567", context="from-internal",
            )  # fmt: skip
    finally:
        await peer.stop()
    with pytest.raises(ami.AmiError, match="cannot reach"):
        ami.originate("127.0.0.1", peer.port, "crm", "s3cret", "PJSIP/201", "1", "x", timeout=1)


def _keys(events):
    return [(e["call_id"], e["event"], e.get("extension"), e["time"]) for e in events]


def test_rotated_token_pauses_the_queue_and_loses_nothing(tmp_path):
    """Generate Token in Odoo while calls are queued: the agent's token is refused (401).
    Nothing is set aside: the queue waits, the log and --check say why, and once the agent
    reads the new token every call arrives, in order, none doubled."""
    asyncio.run(_rotated_token(tmp_path))


async def _rotated_token(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    queue_dir = tmp_path / "queue"
    token_file = tmp_path / "token"
    token_file.write_text("tok\n")
    agent = Agent(config(peer, odoo, queue_dir, f"--token-file={token_file}", "--token="))
    task = asyncio.create_task(agent.run())
    translator = Translator(recording_url="https://pbx.example.com/rec/{file}")
    expected = []
    try:
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        start = 1795428000.0
        script = [
            ("1795428000.1", "+79161234567", "201", start, True),
            ("1795428100.2", "84951234567", "202", start + 100, False),
            ("1795428200.3", "+74957654321", "201", start + 200, True),
            ("1795428300.4", "+79169998877", "203", start + 300, False),
        ]
        for number, (call_id, caller, extension, at, answered) in enumerate(script):
            if number == 1:
                await until(lambda: len(odoo.received) == 4, what="call 1 sent")
                odoo.token = "rotated"  # an administrator pressed Generate Token
            for message in incoming_call(call_id, caller, extension, at, answered):
                expected += translator.events(message)
                await peer.emit(message)
        await until(lambda: len(agent.queue) == len(expected) - 4, what="calls 2-4 queued")
        await until(lambda: agent.waiting and "401" in agent.waiting, what="the reason")
        await asyncio.sleep(0.5)  # a few retries with the old token
        assert len(odoo.received) == 4
        assert len(agent.queue) == len(expected) - 4
        assert not list((queue_dir / "rejected").iterdir())
        assert "token was refused" in agent.waiting
        code, out = await _run_check(
            peer, odoo, tmp_path, f"--token-file={token_file}", f"--queue-dir={queue_dir}"
        )
        assert code == 1 and "answered 401" in out
        assert f"{len(expected) - 4} events wait" in out and "token was refused" in out, out

        token_file.write_text("rotated\n")  # the technician gives the agent the new token
        await until(lambda: len(odoo.received) == len(expected), what="the queue drained")
        await until(lambda: agent.waiting is None, what="the wait cleared")
        code, out = await _run_check(
            peer, odoo, tmp_path, f"--token-file={token_file}", f"--queue-dir={queue_dir}"
        )
        assert code == 0 and "0 events wait" in out, out
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()
    assert _keys(odoo.received) == _keys(expected)  # in order, none lost, none doubled
    assert not list((queue_dir / "rejected").iterdir())
    assert calls.state_of(odoo.calls["1795428300.4"]) == (calls.STATE_MISSED, True)


@pytest.mark.parametrize("status", [403, 404, 500, 502])
def test_no_answer_but_400_sets_events_aside(tmp_path, status):
    asyncio.run(_no_answer_but_400(tmp_path, status))


async def _no_answer_but_400(tmp_path, status):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    odoo.fail_with = status
    queue = DiskQueue(tmp_path / "q")
    queue.put({"call_id": "x", "event": "ring", "time": 1795428000})
    queue.put({"call_id": "x", "event": "hangup", "time": 1795428002})
    agent = Agent(config(peer, odoo, tmp_path / "q"))
    task = asyncio.create_task(agent.run())
    try:
        await until(lambda: agent.waiting, what="the queue paused")
        assert f"answered {status}" in agent.waiting
        await asyncio.sleep(0.4)
        assert len(agent.queue) == 2 and not list((tmp_path / "q" / "rejected").iterdir())
        odoo.fail_with = None
        await until(lambda: len(odoo.received) == 2, what="the queue sent")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()
    assert [e["event"] for e in odoo.received] == ["ring", "hangup"]


def test_queue_files_and_folder_are_fsynced_before_an_event_counts(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    queue = DiskQueue(tmp_path)
    seqs = queue.put_many([{"n": 1}, {"n": 2}])
    names = [f"{seq:016d}.tmp" for seq in seqs]
    assert [Path(p).name for p in synced] == [*names, tmp_path.name]
    assert len(queue) == 2


def _drain(folder, count):
    """Seconds per event of each batch of 100 taken from a queue of `count` events."""
    queue = DiskQueue(folder, durable=False)
    for first in range(0, count, 10_000):
        queue.put_many([{"n": n} for n in range(first, min(first + 10_000, count))])
    os.sync()  # a queue left on disk by an outage, not the page cache of this test
    queue = DiskQueue(folder)  # opened again, as after a restart of the agent
    got, per_batch = [], []
    while True:
        started = time.perf_counter()
        batch = queue.peek(100)
        if not batch:
            break
        queue.ack([path for path, __ in batch])
        per_batch.append((time.perf_counter() - started) / len(batch))
        got += [event["n"] for __, event in batch]
    assert got == list(range(count))  # in order, none lost, none doubled
    assert not len(queue) and not list(folder.glob("*.json"))
    return per_batch


def test_draining_costs_the_same_per_event_at_100_and_100000(tmp_path):
    """The queue's own cost per event, whatever its length: the batches taken while
    100,000 events wait cost what a batch of a 100-event queue costs (medians: the machine
    may be busy meanwhile). In a RAM folder when the machine has one: on a disk mounted with
    `discard` every unlink costs a fraction of a millisecond, the same at both sizes, and
    hides what is measured here."""
    base = Path(tempfile.mkdtemp(dir="/dev/shm")) if os.path.isdir("/dev/shm") else tmp_path
    try:
        short = statistics.median(_drain(base / f"s{i}", 100)[0] for i in range(30))
        batches = _drain(base / "long", 100_000)
    finally:
        if base != tmp_path:
            shutil.rmtree(base)
    long = statistics.median(batches[:100])  # while 90,000 to 100,000 events wait
    whole = statistics.median(batches)
    print(
        f"\ndrain: {short * 1e6:.0f} µs/event at 100 queued, {long * 1e6:.0f} µs at 100,000 "
        f"({whole * 1e6:.0f} µs over the whole drain)"
    )
    assert long < 3 * short, (short, long)


def test_calls_left_open_by_an_ami_drop_are_settled(tmp_path):
    asyncio.run(_settled(tmp_path))


async def _settled(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    agent = Agent(config(peer, odoo, tmp_path / "q"))
    task = asyncio.create_task(agent.run())
    start = 1795428000.0
    talking = incoming_call("1795428000.1", "+79161234567", "201", start)
    ringing = incoming_call("1795428010.2", "84951234567", "202", start + 10, False)
    answered_then_lost = incoming_call("1795428020.3", "+74957654321", "203", start + 20)
    try:
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        for message in talking[:5] + ringing[:4] + answered_then_lost[:5]:
            await peer.emit(message)
        await until(lambda: len(odoo.received) == 8, what="the calls' first events")
        # the AMI connection drops; meanwhile calls 2 and 3 end, call 1 goes on
        peer.channels = [
            {"Channel": talking[0]["Channel"], "Uniqueid": "1795428000.1",
             "Linkedid": "1795428000.1", "ChannelStateDesc": "Up"},
            {"Channel": talking[2]["Channel"], "Uniqueid": "1795428000.1.1",
             "Linkedid": "1795428000.1", "ChannelStateDesc": "Up"},
        ]  # fmt: skip
        await peer.drop()
        await until(lambda: agent.settled == 2, what="calls settled after the reconnection")
        await until(lambda: len(odoo.received) == 10, what="the settling hangups")
        for message in talking[5:]:
            await peer.emit(message)
        await until(lambda: len(odoo.received) == 11, what="call 1's own hangup")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()
    assert any(a.get("Action") == "CoreShowChannels" for a in peer.actions)
    missed = odoo.calls["1795428010.2"]
    assert calls.state_of(missed) == (calls.STATE_MISSED, True)
    assert missed["end"] == calls.parse_time(start + 10.3)  # its last known time
    lost = odoo.calls["1795428020.3"]
    assert calls.state_of(lost) == (calls.STATE_AWAITING, False)
    assert lost["end"] == calls.parse_time(start + 25)
    talked = odoo.calls["1795428000.1"]
    assert talked["end"] == calls.parse_time(start + 65.1)  # ended by its own hangup
    assert calls.talk_seconds(talked) == 60
    assert [e["event"] for e in odoo.received if e["call_id"] == "1795428000.1"][-1] == "hangup"


def test_a_failing_disk_keeps_the_events_in_memory_until_it_writes_again(tmp_path):
    asyncio.run(_failing_disk(tmp_path))


async def _failing_disk(tmp_path):
    peer = await AmiPeer().start()
    odoo = FakeOdoo().up()
    agent = Agent(config(peer, odoo, tmp_path / "q"))
    real_put_many = agent.queue.put_many
    failures = []

    def put_many(events):
        if len(failures) < 2:
            failures.append(len(events))
            raise OSError(28, "No space left on device")
        return real_put_many(events)

    agent.queue.put_many = put_many
    task = asyncio.create_task(agent.run())
    try:
        await asyncio.wait_for(agent.logged_in.wait(), 5)
        for message in incoming_call("1795428000.1", "+79161234567", "201", 1795428000.0):
            await peer.emit(message)
        await until(lambda: len(odoo.received) == 4, what="the call once the disk writes")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        odoo.down()
        await peer.stop()
    assert failures and [e["event"] for e in odoo.received] == ["ring", "ring", "answer", "hangup"]
