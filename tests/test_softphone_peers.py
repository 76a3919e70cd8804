"""Loopback stand-ins for the two sides of the softphone agent (tests only, 127.0.0.1 only).

- AmiPeer (softphone_agent/amipeer.py): a scripted Asterisk Manager Interface server speaking
  the real AMI protocol.
- FakeOdoo: an HTTP server standing for crm_softphone's endpoint: token header, the addon's
  own event checks (pure/calls.py) and merge, switched down and up again on the same port.
"""

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import ROOT, load_pure

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from softphone_agent.amipeer import AmiPeer, ami_block, incoming_call  # noqa: F401

calls = load_pure("crm_softphone", "calls")
HOST = "127.0.0.1"


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
