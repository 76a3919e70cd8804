"""The agent: AMI events in (panoramisk), call events out to Odoo, an on-disk queue between.

Every call event is written to the queue (fsynced) before anything is sent, and removed only
when Odoo answered 2xx: while Odoo cannot take it (connection refused, timeout, 5xx, but also
401/403/404: a token rotated, a PBX archived for a minute, a wrong database) the events wait on
disk and are resent in the order they were written, also after a restart of the agent; the log
and `--check` say why they wait. Odoo merges an event it gets twice, so a batch resent after a
lost answer does no harm. Only an event Odoo refuses as invalid (400, with its reason) is moved
to `rejected/` and logged: resending it cannot help.

After a lost AMI connection the agent asks the PBX which channels are still up
(CoreShowChannels): the calls it no longer reports ended meanwhile and are closed at their
last known time, so that no call stays ringing for ever.
"""

import asyncio
import json
import logging
import os
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

from panoramisk import Manager

from .diskqueue import DiskQueue, waiting
from .translate import Translator

_logger = logging.getLogger("softphone_agent")

TOKEN_HEADER = "X-Softphone-Token"


def events_url(odoo_url, pbx_id, db=None):
    url = f"{odoo_url.rstrip('/')}/crm_softphone/pbx/{int(pbx_id)}/events"
    return f"{url}?db={db}" if db else url


def post_json(url, token, body, timeout=10.0):
    """(status, parsed answer or text); status 0 when Odoo cannot be reached."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", TOKEN_HEADER: token},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        return 0, str(getattr(exc, "reason", exc))
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


WAIT_HINTS = {
    0: "Odoo cannot be reached",
    401: "the token was refused: give the agent the PBX's current token (--token-file)",
    403: "Odoo refused access",
    404: "Odoo does not know this PBX: check --pbx-id, --db and that the PBX is active",
}


def wait_reason(status, answer):
    """Why the queue waits, in one line, for the log and for --check."""
    error = answer.get("error") if isinstance(answer, dict) else answer
    error = " ".join(str(error or "").split())[:300]
    if status == 0:
        return f"{WAIT_HINTS[0]}: {error}"
    hint = WAIT_HINTS.get(status) or (
        "Odoo fails or is restarting" if status >= 500 else "Odoo cannot take events now"
    )
    return f"Odoo answered {status} ({error}): {hint}"


class Agent:
    STATUS_FILE = "status.json"

    def __init__(self, config):
        self.config = config
        self.queue = DiskQueue(config.queue_dir)
        self.translator = Translator(config.extension_pattern, config.recording_url)
        self.url = events_url(config.odoo_url, config.pbx_id, config.db)
        self.wakeup = asyncio.Event()
        self.to_disk = asyncio.Event()
        self.incoming = []  # call events got from the AMI, not on disk yet
        self.taken = 0  # call events on disk (fsynced)
        self.manager = None
        self.sent = 0
        self.logged_in = asyncio.Event()
        self.logins = 0
        self.settled = 0  # calls closed after a reconnection
        self.settling = None
        self.open_calls = {}  # call id -> last known time, of calls not hung up
        self.waiting = False  # why the queue waits, None while it flows (False: not known yet)
        self.stopped = False

    # ------------------------------------------------------------------ AMI side

    def on_ami_event(self, manager, message):
        if self.stopped:
            return
        events = self.translator.events(dict(message.items()))
        if events:
            self.track(events)
            self.incoming.extend(events)
            self.to_disk.set()

    def track(self, events):
        """Remember which calls are open, and their last known time."""
        for event in events:
            call_id = event["call_id"]
            if event["event"] == "hangup":
                self.open_calls.pop(call_id, None)
            elif event["event"] in ("ring", "answer") or call_id in self.open_calls:
                self.open_calls[call_id] = max(self.open_calls.get(call_id, 0), event["time"])

    async def writer(self):
        """Call events to disk, in the order the AMI gave them, off the event loop."""
        while True:
            await self.to_disk.wait()
            self.to_disk.clear()
            await self.flush()

    async def flush(self):
        batch, self.incoming = self.incoming, []
        while batch:
            try:
                await asyncio.to_thread(self.queue.put_many, batch)
            except OSError as exc:  # a full or failing disk: kept in memory, tried again
                written = getattr(exc, "written", 0)  # those are queued: not written twice
                _logger.error("cannot write %s events to the queue: %s", len(batch) - written, exc)
                self.taken += written
                await asyncio.sleep(1)
                batch, self.incoming = batch[written:] + self.incoming, []
                continue
            self.taken += len(batch)
            self.wakeup.set()
            batch = []

    def on_login(self, manager):
        _logger.info("logged in to the AMI of %s:%s", self.config.ami_host, self.config.ami_port)
        self.logins += 1
        self.logged_in.set()
        if self.logins > 1 and self.open_calls:
            self.settling = asyncio.ensure_future(self.settle())

    def on_disconnect(self, manager, exc):
        _logger.warning("AMI connection lost (%s): reconnecting", exc)
        self.logged_in.clear()

    async def settle(self):
        """After a lost AMI connection: the calls whose channels the PBX no longer reports
        ended while the agent was away; they are closed at their last known time. The
        others stay open and end with their own Hangup."""
        try:
            answer = await self.manager.send_action({"Action": "CoreShowChannels"})
        except Exception as exc:
            _logger.warning("could not ask the PBX for its channels (%s)", exc)
            return
        messages = answer if isinstance(answer, list) else [answer]
        if not messages or not messages[0].success:
            _logger.warning("the PBX refused CoreShowChannels: %s", messages[:1])
            return
        live = set()
        for message in messages[1:]:
            if message.event == "CoreShowChannel":
                live.update(v for v in (message.get("Linkedid"), message.get("Uniqueid")) if v)
        ended = [
            {"call_id": call_id, "time": last, "event": "hangup"}
            for call_id, last in self.open_calls.items()
            if call_id not in live
        ]
        for event in ended:
            del self.open_calls[event["call_id"]]
            _logger.info("call %s ended while the AMI was away: closed", event["call_id"])
        if ended:
            self.settled += len(ended)
            self.incoming.extend(ended)
            self.to_disk.set()

    def start_ami(self):
        self.manager = Manager(
            loop=asyncio.get_running_loop(),
            host=self.config.ami_host,
            port=self.config.ami_port,
            username=self.config.ami_user,
            secret=self.config.ami_secret,
            ping_delay=self.config.ping_interval,
            ping_interval=self.config.ping_interval,
            reconnect_timeout=self.config.reconnect_delay,
            on_login=self.on_login,
            on_disconnect=self.on_disconnect,
            log=logging.getLogger("softphone_agent.ami"),
        )
        self.manager.register_event("*", self.on_ami_event)
        self.manager.connect()

    # ------------------------------------------------------------------ Odoo side

    def token(self):
        """The PBX's token: read again from --token-file at every try, so that a token
        rotated in Odoo reaches a running agent."""
        if self.config.token_file:
            try:
                return read_token(self.config.token_file)
            except OSError as exc:
                _logger.error("cannot read the token file %s: %s", self.config.token_file, exc)
        return self.config.token

    async def post(self, body):
        return await asyncio.to_thread(post_json, self.url, self.token(), body, self.config.timeout)

    async def send_pending(self):
        """Send the queue in order until it is empty or Odoo cannot take more now.
        True when the queue is empty.

        Only a 400 (Odoo refused the event itself, and says why) sets an event aside; any
        other answer (401, 403, 404, 5xx, a timeout, a refused connection) says nothing
        about the event: the queue waits and is tried again, in the same order."""
        while True:
            batch = await asyncio.to_thread(self.queue.peek, self.config.batch_size)
            if not batch:
                await self.set_waiting(None)
                return True
            paths = [path for path, __ in batch]
            status, answer = await self.post({"events": [event for __, event in batch]})
            if 200 <= status < 300:
                await self.taken_by_odoo(paths)
                continue
            if status != 400:
                await self.set_waiting(wait_reason(status, answer))
                return False
            for path, event in batch:  # find the refused ones: one by one
                if len(batch) > 1:
                    status, answer = await self.post(event)
                if 200 <= status < 300:
                    await self.taken_by_odoo([path])
                elif status == 400:
                    _logger.error("Odoo refused event %s, set aside: %s", path.name, answer)
                    await asyncio.to_thread(self.queue.reject, [path])
                else:
                    await self.set_waiting(wait_reason(status, answer))
                    return False

    async def taken_by_odoo(self, paths):
        await asyncio.to_thread(self.queue.ack, paths)
        self.sent += len(paths)
        await self.set_waiting(None)

    async def set_waiting(self, reason):
        """Log why the queue waits (once per reason) and leave it in the queue folder's
        status.json for --check."""
        if reason == self.waiting:
            return
        if reason:
            _logger.warning("%s events wait: %s", len(self.queue), reason)
        elif self.waiting:
            _logger.info("Odoo takes events again")
        self.waiting = reason
        status = {"waiting": reason, "since": time.time()}
        await asyncio.to_thread(write_status, Path(self.config.queue_dir), status)

    async def sender(self):
        delay = self.config.retry_delay
        while True:
            if await self.send_pending():
                delay = self.config.retry_delay
                self.wakeup.clear()
                if not len(self.queue):
                    # asyncio.wait, not wait_for: Python 3.11's wait_for loses a cancellation
                    # that comes as the event is set (the agent then never stops)
                    waiter = asyncio.ensure_future(self.wakeup.wait())
                    try:
                        await asyncio.wait({waiter}, timeout=30)
                    finally:
                        waiter.cancel()
            else:
                _logger.info("next try in %.1f s", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.config.max_retry_delay)

    async def run(self):
        self.start_ami()
        writer = asyncio.ensure_future(self.writer())
        try:
            await self.sender()
        finally:
            writer.cancel()
            self.stop()

    def stop(self):
        """Log off for good: panoramisk reconnects after any lost connection, even one it
        closed itself, so its reconnection is switched off first. Events got from the AMI
        and not on disk yet are written now."""
        self.stopped = True
        if self.manager:
            self.manager.connection_lost = lambda exc: None
            self.manager.close()
        batch, self.incoming = self.incoming, []
        if batch:
            self.queue.put_many(batch)


def read_token(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


def write_status(folder, status):
    temp = folder / (Agent.STATUS_FILE + ".part")
    temp.write_text(json.dumps(status), encoding="utf-8")
    os.replace(temp, folder / Agent.STATUS_FILE)


def queue_status(folder):
    """What --check says of the queue: how many events wait, and why."""
    folder = Path(folder)
    if not folder.is_dir():
        return "Queue: none yet"
    count = waiting(folder)
    rejected = folder / "rejected"
    refused = len(os.listdir(rejected)) if rejected.is_dir() else 0
    try:
        status = json.loads((folder / Agent.STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        status = {}
    text = f"Queue {folder}: {count} events wait"
    if count and status.get("waiting"):
        since = datetime.fromtimestamp(status["since"]).isoformat(" ", "seconds")
        text += f", since {since}: {status['waiting']}"
    if refused:
        text += f"; {refused} refused by Odoo as invalid in {rejected}"
    return text


# ---------------------------------------------------------------------- --check


async def check_ami(host, port, username, secret, timeout=5.0):
    """(ok, message): the AMI answers and accepts the login."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError) as exc:
        return False, f"AMI {host}:{port} cannot be reached: {exc}"
    try:
        greeting = await asyncio.wait_for(reader.readline(), timeout)
        writer.write(
            (
                f"Action: Login\r\nUsername: {username}\r\nSecret: {secret}\r\n"
                "Events: off\r\nActionID: check\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        text = answer.decode("utf-8", "replace")
        writer.write(b"Action: Logoff\r\nActionID: bye\r\n\r\n")
        await writer.drain()
    except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
        return False, f"AMI {host}:{port} did not answer the login: {exc}"
    finally:
        writer.close()
    if "Response: Success" not in text:
        return False, f"AMI {host}:{port} refused the login ({greeting.decode().strip()})"
    return True, f"AMI {host}:{port}: logged in ({greeting.decode().strip()})"


def check_odoo(url, token, timeout=10.0):
    status, answer = post_json(url, token, {"ping": True}, timeout)
    if status == 200:
        return True, f"Odoo {url}: token accepted"
    if status == 0:
        return False, f"Odoo {url} cannot be reached: {answer}"
    error = answer.get("error") if isinstance(answer, dict) else answer
    return False, f"Odoo {url} answered {status}: {error}"


async def check(config):
    try:
        token = read_token(config.token_file) if config.token_file else config.token
    except OSError as exc:
        return False, [f"cannot read the token file {config.token_file}: {exc}"]
    ami_ok, ami_message = await check_ami(
        config.ami_host, config.ami_port, config.ami_user, config.ami_secret, config.timeout
    )
    odoo_ok, odoo_message = await asyncio.to_thread(
        check_odoo, events_url(config.odoo_url, config.pbx_id, config.db), token, config.timeout
    )
    return ami_ok and odoo_ok, [ami_message, odoo_message, queue_status(config.queue_dir)]
