"""Loopback stand-ins for the two sides of the softphone agent (tests only, 127.0.0.1 only).

- AmiPeer: a scripted Asterisk Manager Interface server speaking the real AMI protocol
  (greeting line, "Key: value" blocks ended by a blank line, ActionID echoed): Login, Ping,
  Originate, CoreShowChannels (an event list), Logoff, events pushed to the logged-in clients, connections dropped on demand.
- FakeOdoo: an HTTP server standing for crm_softphone's endpoint: token header, the addon's
  own event checks (pure/calls.py) and merge, switched down and up again on the same port.
"""

import asyncio
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import load_pure

calls = load_pure("crm_softphone", "calls")
HOST = "127.0.0.1"


def ami_block(fields):
    return "".join(f"{key}: {value}\r\n" for key, value in fields.items()) + "\r\n"


class AmiPeer:
    def __init__(self, username="crm", secret="s3cret"):
        self.username, self.secret = username, secret
        self.server = None
        self.port = None
        self.clients = []  # logged-in writers
        self.actions = []  # every action received, as dicts
        self.logins = 0
        self.channels = []  # channels up, as CoreShowChannels reports them (dicts)

    async def start(self, port=0):
        self.server = await asyncio.start_server(self._handle, HOST, port)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        await self.drop()
        self.server.close()
        await self.server.wait_closed()

    async def drop(self):
        """The PBX goes away: every connection is closed."""
        for writer in list(self.clients):
            writer.close()
        self.clients.clear()

    async def _handle(self, reader, writer):
        writer.write(b"Asterisk Call Manager/5.0.1\r\n")
        await writer.drain()
        try:
            while True:
                raw = await reader.readuntil(b"\r\n\r\n")
                action = {}
                for line in raw.decode().split("\r\n"):
                    key, sep, value = line.partition(":")
                    if sep:
                        action[key.strip()] = value.strip()
                self.actions.append(action)
                await self._answer(action, writer)
                if action.get("Action", "").lower() == "logoff":
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            if writer in self.clients:
                self.clients.remove(writer)
            writer.close()

    async def _answer(self, action, writer):
        name = action.get("Action", "").lower()
        reply = {"ActionID": action.get("ActionID", "")}
        if name == "login":
            if action.get("Username") == self.username and action.get("Secret") == self.secret:
                self.logins += 1
                writer.write(
                    ami_block(
                        {"Response": "Success", **reply, "Message": "Authentication accepted"}
                    ).encode()
                )
                writer.write(
                    ami_block(
                        {
                            "Event": "FullyBooted",
                            "Privilege": "system,all",
                            "Status": "Fully Booted",
                        }
                    ).encode()
                )
                self.clients.append(writer)
            else:
                writer.write(
                    ami_block(
                        {"Response": "Error", **reply, "Message": "Authentication failed"}
                    ).encode()
                )
        elif name == "ping":
            writer.write(
                ami_block(
                    {"Response": "Success", **reply, "Ping": "Pong", "Timestamp": f"{time.time()}"}
                ).encode()
            )
        elif name == "originate":
            if writer not in self.clients:
                writer.write(
                    ami_block(
                        {"Response": "Error", **reply, "Message": "Permission denied"}
                    ).encode()
                )
            else:
                writer.write(
                    ami_block(
                        {"Response": "Success", **reply, "Message": "Originate successfully queued"}
                    ).encode()
                )
        elif name == "coreshowchannels":
            if writer not in self.clients:
                writer.write(
                    ami_block(
                        {"Response": "Error", **reply, "Message": "Permission denied"}
                    ).encode()
                )
            else:
                writer.write(
                    ami_block(
                        {"Response": "Success", **reply, "EventList": "start",
                         "Message": "Channels will follow"}
                    ).encode()
                )  # fmt: skip
                for channel in self.channels:
                    writer.write(
                        ami_block({"Event": "CoreShowChannel", **reply, **channel}).encode()
                    )
                writer.write(
                    ami_block(
                        {"Event": "CoreShowChannelsComplete", **reply, "EventList": "Complete",
                         "ListItems": str(len(self.channels))}
                    ).encode()
                )  # fmt: skip
        elif name == "logoff":
            writer.write(
                ami_block(
                    {"Response": "Goodbye", **reply, "Message": "Thanks for all the fish."}
                ).encode()
            )
        else:
            writer.write(
                ami_block(
                    {"Response": "Error", **reply, "Message": "Invalid/unknown command"}
                ).encode()
            )
        await writer.drain()

    async def emit(self, event):
        data = ami_block(event).encode()
        for writer in list(self.clients):
            writer.write(data)
            await writer.drain()


def incoming_call(linkedid, caller, extension, start, answered=True):
    """The AMI events of an incoming call from a trunk to an extension, as Asterisk 18
    sends them (the fields the agent reads, and a few it must ignore)."""
    trunk = f"PJSIP/trunk-{linkedid[-4:]}"
    phone = f"PJSIP/{extension}-{linkedid[-4:]}"
    common = {"Privilege": "call,all", "Linkedid": linkedid}
    events = [
        {"Event": "Newchannel", **common, "Channel": trunk, "CallerIDNum": caller,
         "Exten": "4951234567", "Uniqueid": linkedid, "Timestamp": f"{start:.6f}"},
        {"Event": "Newexten", **common, "Channel": trunk, "Uniqueid": linkedid,
         "Application": "Dial", "Timestamp": f"{start + 0.1:.6f}"},
        {"Event": "Newchannel", **common, "Channel": phone, "CallerIDNum": extension,
         "Exten": "s", "Uniqueid": linkedid + ".1", "Timestamp": f"{start + 0.2:.6f}"},
        {"Event": "DialBegin", **common, "Channel": trunk, "DestChannel": phone,
         "DestCallerIDNum": extension, "Uniqueid": linkedid, "Timestamp": f"{start + 0.3:.6f}"},
    ]  # fmt: skip
    if answered:
        events.append(
            {"Event": "DialEnd", **common, "Channel": trunk, "DestChannel": phone,
             "DialStatus": "ANSWER", "Uniqueid": linkedid, "Timestamp": f"{start + 5:.6f}"}
        )  # fmt: skip
    else:
        events.append(
            {"Event": "DialEnd", **common, "Channel": trunk, "DestChannel": phone,
             "DialStatus": "NOANSWER", "Uniqueid": linkedid, "Timestamp": f"{start + 20:.6f}"}
        )  # fmt: skip
    end = start + (65 if answered else 21)
    events += [
        {"Event": "Hangup", **common, "Channel": phone, "Uniqueid": linkedid + ".1",
         "Cause": "16", "Timestamp": f"{end:.6f}"},
        {"Event": "Hangup", **common, "Channel": trunk, "Uniqueid": linkedid,
         "Cause": "16", "Timestamp": f"{end + 0.1:.6f}"},
    ]  # fmt: skip
    return events


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class FakeOdoo:
    """crm_softphone's endpoint on loopback: what it received, and the merged calls."""

    def __init__(self, token="tok", pbx_id=1):
        self.token, self.pbx_id = token, pbx_id
        self.port = free_port()
        self.received = []  # events in arrival order
        self.calls = {}  # call_id -> merged values
        self.lock = threading.Lock()
        self.httpd = None
        self.fail_with = None  # an HTTP status to answer instead of taking events

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def up(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.split("?")[0] != f"/crm_softphone/pbx/{owner.pbx_id}/events":
                    return self._reply(404, {"error": "Unknown PBX."})
                if self.headers.get("X-Softphone-Token") != owner.token:
                    return self._reply(401, {"error": "Missing or wrong X-Softphone-Token header."})
                if owner.fail_with:
                    return self._reply(owner.fail_with, {"error": "busy"})
                try:
                    payload = json.loads(body)
                except ValueError:
                    return self._reply(400, {"error": "The body is not JSON."})
                if payload == {"ping": True}:
                    return self._reply(200, {"pong": True})
                try:
                    events = calls.check_body(payload)
                except calls.EventError as exc:
                    return self._reply(400, {"error": str(exc)})
                with owner.lock:
                    for raw, event in zip(payload.get("events", [payload]), events, strict=True):
                        owner.received.append(raw)
                        call = owner.calls.setdefault(event["call_id"], {})
                        call.update(calls.merge(call, event))
                return self._reply(200, {"events": len(events)})

        self.httpd = ThreadingHTTPServer((HOST, self.port), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def down(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
