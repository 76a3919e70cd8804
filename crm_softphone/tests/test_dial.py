import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import SoftphoneCommon


class _ScriptedAmi(threading.Thread):
    """An Asterisk Manager Interface on 127.0.0.1 that accepts one login and Originate."""

    def __init__(self):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.actions = []

    def run(self):
        conn, __ = self.server.accept()
        with conn:
            conn.sendall(b"Asterisk Call Manager/5.0.1\r\n")
            buffer = b""
            while True:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    block, buffer = buffer.split(b"\r\n\r\n", 1)
                    action = dict(
                        line.split(": ", 1) for line in block.decode().split("\r\n") if ": " in line
                    )
                    self.actions.append(action)
                    reply = "Goodbye" if action["Action"] == "Logoff" else "Success"
                    conn.sendall(
                        f"Response: {reply}\r\nActionID: {action['ActionID']}\r\n\r\n".encode()
                    )
                    if action["Action"] == "Logoff":
                        return


@tagged("post_install", "-at_install")
class TestDial(SoftphoneCommon, TransactionCase):
    def test_click_to_dial_through_the_ami_ties_the_call_to_the_interest(self):
        ami = _ScriptedAmi()
        ami.start()
        self.pbx.sudo().write({"port": ami.port, "username": "crm", "secret": "pw"})
        action = self.lead.with_user(self.salesman).action_softphone_call()
        ami.join(5)
        self.assertEqual(action["params"]["type"], "info")
        originate = next(a for a in ami.actions if a["Action"] == "Originate")
        self.assertEqual(originate["Channel"], "PJSIP/201")
        self.assertEqual(originate["Exten"], "+74951234567")
        self.assertEqual(ami.actions[0]["Secret"], "pw")
        # the PBX then reports the outgoing call: it is tied to the interest
        self.ingest(
            self.ev("d1", "ring", 0, **{"from": "201", "to": "+74951234567"}),
            self.ev("d1", "answer", 3, extension="201"),
            self.ev("d1", "hangup", 33),
        )
        call = self.call("d1")
        self.assertEqual(call.direction, "outgoing")
        self.assertEqual(call.lead_id, self.lead)
        self.assertEqual(call.partner_id, self.client)
        self.assertFalse(
            self.env["crm.softphone.dial"].search([("user_id", "=", self.salesman.id)])
        )

    def test_click_to_dial_through_a_webhook_pbx(self):
        hits = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                hits.append(parse_qs(urlsplit(self.path).query))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            self.pbx.sudo().write(
                {
                    "kind": "webhook",
                    "dial_url": f"http://127.0.0.1:{server.server_port}/dial?"
                    "from={extension}&to={number}",
                }
            )
            self.contact.with_user(self.salesman).action_softphone_call()
        finally:
            server.shutdown()
            server.server_close()
        self.assertEqual(hits, [{"from": ["201"], "to": ["+79161234567"]}])
        self.ingest(self.ev("d2", "ring", 0, **{"from": "201", "to": "89161234567"}))
        call = self.call("d2")
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.contact_ids, self.contact)

    def test_no_extension_or_no_number_is_a_clear_refusal(self):
        with self.assertRaisesRegex(UserError, "no extension"):
            self.client.with_user(self.manager).action_softphone_call()
        self.client.phone = "call me"
        with self.assertRaisesRegex(UserError, "not a phone number"):
            self.client.with_user(self.salesman).action_softphone_call()
