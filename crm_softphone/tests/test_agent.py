"""The PBX agent (softphone_agent, next to this addon in the repository) against this
endpoint served by Odoo on loopback, and a scripted AMI peer speaking the real protocol."""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import requests

from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon

REPOSITORY = Path(__file__).resolve().parents[2]


def _agent_modules():
    """(Agent, parser, AmiPeer, incoming_call), or None where the addon was installed alone."""
    if not (REPOSITORY / "softphone_agent" / "agent.py").exists():
        return None
    if str(REPOSITORY) not in sys.path:
        sys.path.append(str(REPOSITORY))
    from softphone_agent.agent import Agent  # noqa: PLC0415
    from softphone_agent.amipeer import AmiPeer, incoming_call  # noqa: PLC0415
    from softphone_agent.cli import parser  # noqa: PLC0415

    return Agent, parser, AmiPeer, incoming_call


async def until(predicate, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


class Relay:
    """Odoo as the agent reaches it: a loopback port relayed to the test's Odoo server, that
    closes and opens again (Odoo stopped and started: connections refused meanwhile)."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = 0
        self.server = None
        self.writers = set()

    async def up(self):
        self.server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def down(self):
        self.server.close()
        for writer in list(self.writers):
            writer.close()
        await self.server.wait_closed()

    async def _pipe(self, reader, writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            writer.close()
            return
        self.writers |= {writer, upstream_writer}

        async def copy(source, target):
            try:
                while data := await source.read(65536):
                    target.write(data)
                    await target.drain()
            except ConnectionError:
                pass
            finally:
                self.writers.discard(target)
                target.close()

        await asyncio.gather(copy(reader, upstream_writer), copy(upstream_reader, writer))


@tagged("post_install", "-at_install")
class TestAgentAgainstTheEndpoint(SoftphoneCommon, HttpCase):
    def rpc(self, model, method, *args):
        """The administrator's click, over JSON-RPC with his session, from the scenario's
        thread (the test's own opener holds the test lock, which the scenario released)."""
        with requests.Session() as session:
            session.cookies.update(self.opener.cookies)
            response = session.post(
                f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
                json={
                    "id": 0,
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": model, "method": method, "args": list(args), "kwargs": {}},
                },
                timeout=30,
            )
        answer = response.json()
        if "error" in answer:
            raise AssertionError(f"{model}.{method}: {answer['error']}")
        return answer.get("result")  # None: Odoo sends no "result" for a method's None

    def test_odoo_stopped_token_rotated_pbx_archived_lose_no_call(self):
        """Odoo stops for a while, then the administrator presses Generate Token and
        archives the PBX for a while, while calls come in: the agent keeps them queued, says
        why, and once Odoo is back and the agent has the new token every call is in Odoo,
        once."""
        modules = _agent_modules()
        if not modules:
            self.skipTest("softphone_agent is not next to the addon (installed alone)")
        Agent, parser, AmiPeer, incoming_call = modules
        folder = Path(tempfile.mkdtemp(prefix="softphone-agent-"))
        token_file = folder / "token"
        token_file.write_text("secret-token\n")
        self.authenticate("admin", "admin")
        pbx_id = self.pbx.id
        with (
            self.allow_requests(all_requests=True),
            self.assertLogs("softphone_agent", "WARNING") as logs,
        ):
            waited = asyncio.run(self._scenario(Agent, parser, AmiPeer, incoming_call, folder))
        # the agent's log says why the queue waited
        log = "\n".join(logs.output)
        self.assertIn("3 events wait: Odoo cannot be reached", log)
        self.assertIn("4 events wait: Odoo answered 401", log)
        self.assertIn("events wait: Odoo answered 404 (Unknown PBX", log)
        self.assertIn("cannot be reached", waited[0])
        self.assertIn("401", waited[1])
        self.assertIn("token was refused", waited[1])
        self.assertIn("404", waited[2])
        self.env.invalidate_all()
        answered, missed, later = self.call("ag1"), self.call("ag2"), self.call("ag3")
        last = self.call("ag4")
        self.assertEqual(len(answered | missed | later | last), 4)
        self.assertEqual(answered.call_state, "awaiting_result")
        self.assertEqual(answered.user_id, self.salesman)
        self.assertEqual(answered.partner_id, self.client)
        self.assertEqual(answered.call_talk_time, 1.0)
        self.assertEqual(missed.call_state, "missed")
        self.assertTrue(missed.call_missed)
        self.assertEqual(missed.user_id, self.other)
        self.assertEqual(missed.activity_ids.user_id, self.other)
        self.assertEqual(later.call_state, "awaiting_result")
        self.assertEqual(last.call_state, "awaiting_result")
        # each event once in each call's log: none lost, none doubled
        self.assertEqual(
            [len(c.sudo().call_event_log) for c in (answered, missed, later, last)], [4, 3, 4, 4]
        )
        self.assertTrue(self.env["crm.softphone.pbx"].browse(pbx_id).active)
        self.assertFalse(list((folder / "queue" / "rejected").iterdir()))

    async def _scenario(self, Agent, parser, AmiPeer, incoming_call, folder):
        peer = await AmiPeer().start()
        odoo = await Relay(int(self.base_url().rsplit(":", 1)[1])).up()
        config = parser().parse_args(
            [
                f"--odoo-url=http://127.0.0.1:{odoo.port}",
                f"--pbx-id={self.pbx.id}",
                f"--token-file={folder / 'token'}",
                f"--ami-port={peer.port}",
                "--ami-user=crm",
                "--ami-secret=s3cret",
                f"--queue-dir={folder / 'queue'}",
                "--retry-delay=0.1",
                "--max-retry-delay=0.5",
            ]
        )
        agent = Agent(config)
        task = asyncio.create_task(agent.run())
        waited = []
        start = time.time() - 600

        async def call(call_id, number, extension, at, answered=True):
            for message in incoming_call(call_id, number, extension, start + at, answered):
                await peer.emit(message)

        async def admin(method, *args):
            return await asyncio.to_thread(self.rpc, "crm.softphone.pbx", method, *args)

        try:
            await asyncio.wait_for(agent.logged_in.wait(), 10)
            await call("ag1", "+79161234567", "201", 0)
            await until(lambda: agent.sent == 4 and not len(agent.queue), "call 1 in Odoo")

            # Odoo stops: the call waits
            await odoo.down()
            await call("ag2", "+74950001122", "202", 100, answered=False)
            await until(lambda: agent.waiting, "the queue to wait for Odoo")
            waited.append(agent.waiting)
            await asyncio.sleep(0.5)
            await odoo.up()  # started again
            await until(lambda: agent.sent == 7 and not len(agent.queue), "call 2 in Odoo")

            # Generate Token: the agent's token is refused, the calls wait
            await admin("action_generate_token", [self.pbx.id])
            await call("ag3", "+79161234567", "201", 200)
            await until(lambda: agent.waiting and "401" in agent.waiting, "the token refused")
            waited.append(agent.waiting)
            # the PBX archived for a while: Odoo does not know it, the calls still wait
            await admin("write", [self.pbx.id], {"active": False})
            await until(lambda: agent.waiting and "404" in agent.waiting, "the PBX unknown")
            waited.append(agent.waiting)
            await call("ag4", "+79161234567", "201", 300)
            await until(lambda: len(agent.queue) == 8, "calls 3 and 4 queued")
            await asyncio.sleep(1)  # a few retries more
            self.assertEqual(agent.sent, 7)

            # the PBX active again, the technician gives the agent the new token
            await admin("write", [self.pbx.id], {"active": True})
            [pbx] = await admin("read", [self.pbx.id], ["token"])
            (folder / "token").write_text(pbx["token"] + "\n")
            await until(lambda: agent.sent == 15 and not len(agent.queue), "the queue drained")
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await peer.stop()
            await odoo.down()
        return waited
