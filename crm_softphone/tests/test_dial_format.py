"""Click-to-dial as each PBX dials (E.164, national, an outside-line prefix), from any record
the user may read; partners with two numbers in one phone field recognised by either."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SoftphoneCommon


class AmiPeer(threading.Thread):
    """An Asterisk Manager Interface on 127.0.0.1 (the real protocol: greeting, "Key: value"
    blocks, ActionID echoed) that takes one connection after another: Login, Originate,
    Logoff answered with Success."""

    def __init__(self):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.actions = []
        self.stopping = threading.Event()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.join(5)
        self.server.close()

    @property
    def dialled(self):
        """The numbers the PBX was asked to dial, in order."""
        return [a["Exten"] for a in self.actions if a.get("Action") == "Originate"]

    def run(self):
        while not self.stopping.is_set():
            try:
                conn, __ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                self._serve(conn)

    def _serve(self, conn):
        conn.settimeout(10)
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
class TestDialFormat(SoftphoneCommon, TransactionCase):
    def dial(self, record, user=None):
        with AmiPeer() as ami:
            self.pbx.sudo().write({"port": ami.port, "username": "crm", "secret": "pw"})
            record.with_user(user or self.salesman).action_softphone_call()
        return ami.dialled

    def test_the_pbx_receives_the_number_in_the_form_it_dials(self):
        self.assertEqual(self.dial(self.lead), ["+74951234567"], "E.164 by default")
        self.pbx.dial_format = "national"
        self.assertEqual(self.dial(self.lead), ["84951234567"])
        self.assertEqual(self.dial(self.contact), ["89161234567"])
        self.pbx.write({"dial_format": "prefix", "dial_prefix": "9"})
        self.assertEqual(self.dial(self.lead), ["984951234567"])
        # a number abroad, from a Russian PBX: the international prefix
        self.contact.phone = "+49 30 1234567"
        self.assertEqual(self.dial(self.contact), ["981049301234567"])
        self.pbx.dial_format = "national"
        self.assertEqual(self.dial(self.contact), ["81049301234567"])

    def test_a_call_dialled_with_the_outside_line_prefix_is_tied_to_its_interest(self):
        self.pbx.write({"dial_format": "prefix", "dial_prefix": "9"})
        self.assertEqual(self.dial(self.lead), ["984951234567"])
        # the PBX reports the outgoing call to the number it was given, prefix included
        self.ingest(
            self.ev("p1", "ring", 0, **{"from": "201", "to": "984951234567"}),
            self.ev("p1", "answer", 3, extension="201"),
            self.ev("p1", "hangup", 33),
        )
        call = self.call("p1")
        self.assertEqual(call.direction, "outgoing")
        self.assertEqual(call.call_number_e164, "+74951234567")
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.lead_id, self.lead)

    def test_a_webhook_pbx_gets_the_number_in_its_form_too(self):
        hits = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                hits.append(parse_qs(urlsplit(self.path).query)["to"][0])
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            self.pbx.write(
                {
                    "kind": "webhook",
                    "dial_url": f"http://127.0.0.1:{server.server_port}/dial?to={{number}}",
                    "dial_format": "prefix",
                    "dial_prefix": "9",
                }
            )
            self.lead.with_user(self.salesman).action_softphone_call()
        finally:
            server.shutdown()
            server.server_close()
        self.assertEqual(hits, ["984951234567"])

    def test_the_outside_line_prefix_is_digits(self):
        with self.assertRaises(ValidationError):
            self.pbx.write({"dial_format": "prefix", "dial_prefix": "nine"})
        with self.assertRaises(ValidationError):
            self.pbx.write({"dial_format": "prefix", "dial_prefix": False})

    def test_any_record_the_user_reads_dials_and_the_call_follows_it(self):
        company = self.env.company
        company.partner_id.phone = "+7 495 765-43-21"
        with AmiPeer() as ami:
            self.pbx.sudo().write({"port": ami.port, "username": "crm", "secret": "pw"})
            action = (
                self.env["crm.softphone.dial"]
                .with_user(self.salesman)
                .dial_from("+7 495 765-43-21", "res.company", company.id)
            )
        self.assertEqual(action["params"]["type"], "info")
        self.assertEqual(ami.dialled, ["+74957654321"])
        self.ingest(self.ev("c1", "ring", 0, **{"from": "201", "to": "+74957654321"}))
        self.assertEqual(self.call("c1").partner_id, company.partner_id)

    def test_records_the_user_may_not_read_or_that_are_no_records_do_not_dial(self):
        Dial = self.env["crm.softphone.dial"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            Dial.dial_from("+7 495 123-45-67", "crm.softphone.pbx", self.pbx.id)
        other_lead = self.env["crm.lead"].create(
            {"name": "Olga's deal", "type": "opportunity", "user_id": self.other.id}
        )
        # a salesman reads his own interests and the unassigned ones (crm's rule)
        with self.assertRaises(AccessError):
            Dial.dial_from("+7 495 123-45-67", "crm.lead", other_lead.id)
        for model in ("no.such.model", "crm.interaction.wrap.up", "mail.thread"):
            with self.assertRaisesRegex(UserError, "cannot be started"):
                Dial.dial_from("+7 495 123-45-67", model, 1)
        self.assertFalse(self.env["crm.softphone.dial"].search([]))


@tagged("post_install", "-at_install")
class TestTwoNumbersInOneField(SoftphoneCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vector = cls.env["res.partner"].create(
            {
                "name": "Vector JSC",
                "is_company": True,
                "phone": "+7 (812) 333-22-11, +7 921 444-55-66",
                "user_id": cls.other.id,
            }
        )

    def test_a_call_from_either_number_finds_the_client(self):
        for call_id, number in (("t1", "+78123332211"), ("t2", "89214445566")):
            self.ingest(*self.incoming(call_id, number))
            self.assertEqual(self.call(call_id).partner_id, self.vector, number)

    def test_every_way_of_writing_two_numbers(self):
        for index, written in enumerate(
            (
                "8 812 3332211 / 8 921 4445566",
                "8 (812) 333-22-11 доб. 5; 8-921-444-55-66",
                "+7 812 333 22 11\n+7 921 444 55 66",
                "+7 812 333 22 11 или +7 921 444 55 66",
            )
        ):
            self.vector.phone = written
            self.ingest(*self.incoming(f"w{index}", "+7 921 444-55-66"))
            self.assertEqual(self.call(f"w{index}").partner_id, self.vector, written)

    def test_a_number_removed_from_the_field_no_longer_matches(self):
        self.vector.phone = "+7 (812) 333-22-11"
        self.ingest(*self.incoming("r1", "89214445566"))
        self.assertFalse(self.call("r1").partner_id)
        self.ingest(*self.incoming("r2", "88123332211"))
        self.assertEqual(self.call("r2").partner_id, self.vector)

    def test_keys_filled_in_bulk_read_both_numbers(self):
        """The SQL fill (install, a big base written around the ORM)."""
        self.env.cr.execute(
            "UPDATE res_partner SET phone_e164 = NULL, phone_nsn = NULL, "
            "phone_e164_other = NULL, phone_nsn_other = NULL WHERE id = %s",
            [self.vector.id],
        )
        self.env["res.partner"].invalidate_model()
        self.env["res.partner"]._softphone_fill_keys()
        # the national number alone (no country code): the second lookup finds it too
        self.ingest(*self.incoming("b1", "9214445566"))
        self.assertEqual(self.call("b1").partner_id, self.vector)
        self.assertEqual(self.vector.phone_e164_other, "+79214445566")

    def test_a_database_filled_before_gets_the_other_numbers_on_update(self):
        """Keys filled when a field held one number: the module's update (init) adds the
        others."""
        self.env.cr.execute(
            "UPDATE res_partner SET phone_e164_other = NULL, phone_nsn_other = NULL WHERE id = %s",
            [self.vector.id],
        )
        self.env.cr.execute("DROP INDEX res_partner_phone_e164_other_gin")
        self.env["res.partner"].invalidate_model()
        self.ingest(*self.incoming("u1", "89214445566"))
        self.assertFalse(self.call("u1").partner_id)
        self.env["res.partner"].init()
        self.env["res.partner"].invalidate_model()
        self.ingest(*self.incoming("u2", "89214445566"))
        self.assertEqual(self.call("u2").partner_id, self.vector)
