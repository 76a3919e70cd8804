"""The agent: AMI events in (panoramisk), call events out to Odoo, an on-disk queue between.

Every call event is written to the queue before anything is sent, and removed only when Odoo
answered 2xx: while Odoo is down (connection refused, timeout, 5xx) the events wait on disk
and are resent in the order they were written, also after a restart of the agent. Odoo merges
an event it gets twice, so a batch resent after a lost answer does no harm. An event Odoo
refuses as invalid (4xx) is moved to `rejected/` and logged: resending it cannot help.
"""

import asyncio
import json
import logging
import urllib.error
import urllib.request

from panoramisk import Manager

from .diskqueue import DiskQueue
from .translate import Translator

_logger = logging.getLogger("softphone_agent")

TOKEN_HEADER = "X-Softphone-Token"
RETRYABLE = {408, 425, 429}


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


class Agent:
    def __init__(self, config):
        self.config = config
        self.queue = DiskQueue(config.queue_dir)
        self.translator = Translator(config.extension_pattern, config.recording_url)
        self.url = events_url(config.odoo_url, config.pbx_id, config.db)
        self.wakeup = asyncio.Event()
        self.manager = None
        self.sent = 0
        self.logged_in = asyncio.Event()
        self.stopped = False

    # ------------------------------------------------------------------ AMI side

    def on_ami_event(self, manager, message):
        if self.stopped:
            return
        for event in self.translator.events(dict(message.items())):
            self.queue.put(event)
            self.wakeup.set()

    def on_login(self, manager):
        _logger.info("logged in to the AMI of %s:%s", self.config.ami_host, self.config.ami_port)
        self.logged_in.set()

    def on_disconnect(self, manager, exc):
        _logger.warning("AMI connection lost (%s): reconnecting", exc)
        self.logged_in.clear()

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

    async def send_pending(self):
        """Send the queue in order until it is empty or Odoo cannot take more now.
        True when the queue is empty."""
        while True:
            batch = self.queue.peek(self.config.batch_size)
            if not batch:
                return True
            paths = [path for path, __ in batch]
            body = {"events": [event for __, event in batch]}
            status, answer = await asyncio.to_thread(
                post_json, self.url, self.config.token, body, self.config.timeout
            )
            if 200 <= status < 300:
                self.queue.ack(paths)
                self.sent += len(paths)
                continue
            if 400 <= status < 500 and status not in RETRYABLE:
                if len(paths) > 1:  # find the bad one: send them one by one
                    for path, event in batch:
                        status, answer = await asyncio.to_thread(
                            post_json, self.url, self.config.token, event, self.config.timeout
                        )
                        if 200 <= status < 300:
                            self.queue.ack([path])
                            self.sent += 1
                        elif 400 <= status < 500 and status not in RETRYABLE:
                            _logger.error("Odoo refused event %s: %s", path.name, answer)
                            self.queue.reject([path])
                        else:
                            return False
                    continue
                _logger.error("Odoo refused event %s: %s", paths[0].name, answer)
                self.queue.reject(paths)
                continue
            _logger.warning("Odoo not reachable (%s %s): %s events wait", status, answer,
                            len(self.queue))  # fmt: skip
            return False

    async def sender(self):
        delay = self.config.retry_delay
        while True:
            if await self.send_pending():
                delay = self.config.retry_delay
                self.wakeup.clear()
                if not len(self.queue):
                    try:
                        await asyncio.wait_for(self.wakeup.wait(), timeout=30)
                    except TimeoutError:
                        pass
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.config.max_retry_delay)

    async def run(self):
        self.start_ami()
        try:
            await self.sender()
        finally:
            self.stop()

    def stop(self):
        """Log off for good: panoramisk reconnects after any lost connection, even one it
        closed itself, so its reconnection is switched off first."""
        self.stopped = True
        if self.manager:
            self.manager.connection_lost = lambda exc: None
            self.manager.close()


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
    ami_ok, ami_message = await check_ami(
        config.ami_host, config.ami_port, config.ami_user, config.ami_secret, config.timeout
    )
    odoo_ok, odoo_message = await asyncio.to_thread(
        check_odoo, events_url(config.odoo_url, config.pbx_id, config.db), config.token,
        config.timeout,
    )  # fmt: skip
    return ami_ok and odoo_ok, [ami_message, odoo_message]
