"""A minimal synchronous Asterisk Manager Interface client: log in, Originate, log off.

Plain Python (sockets). Odoo uses it for click-to-dial (a request handled in a worker must not
start an asyncio loop); the agent (softphone_agent) listens to events with panoramisk.
"""

import socket
import uuid

EOL = "\r\n"


class AmiError(Exception):
    pass


def format_action(fields):
    """An AMI action as sent on the wire: "Key: value" lines and a blank line."""
    return "".join(f"{key}: {value}{EOL}" for key, value in fields) + EOL


def parse_message(block):
    """{key: value} of one AMI message (a block of "Key: value" lines)."""
    message = {}
    for line in block.split("\n"):
        key, sep, value = line.strip("\r").partition(":")
        if sep:
            message.setdefault(key.strip(), value.strip())
    return message


class _Connection:
    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.buffer = ""
        self.greeting = self._read_line()

    def _read_line(self):
        while "\r\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split("\r\n", 1)
        return line

    def _fill(self):
        chunk = self.sock.recv(4096)
        if not chunk:
            raise AmiError("connection closed by the PBX")
        self.buffer += chunk.decode("utf-8", "replace")

    def read_message(self):
        while "\r\n\r\n" not in self.buffer:
            self._fill()
        block, self.buffer = self.buffer.split("\r\n\r\n", 1)
        return parse_message(block)

    def action(self, fields):
        action_id = uuid.uuid4().hex
        self.sock.sendall(format_action([*fields, ("ActionID", action_id)]).encode())
        while True:
            message = self.read_message()
            if message.get("ActionID") == action_id and "Response" in message:
                return message

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def originate(host, port, username, secret, channel, exten, context, caller_id="", timeout=10):
    """Ask the PBX to ring `channel` (the user's phone) and, once picked up, dial `exten`."""
    try:
        connection = _Connection(host, port, timeout)
    except OSError as exc:
        raise AmiError(f"cannot reach {host}:{port}: {exc}") from exc
    try:
        login = connection.action(
            [("Action", "Login"), ("Username", username), ("Secret", secret), ("Events", "off")]
        )
        if login.get("Response") != "Success":
            raise AmiError(login.get("Message") or "login refused")
        answer = connection.action(
            [
                ("Action", "Originate"),
                ("Channel", channel),
                ("Exten", exten),
                ("Context", context),
                ("Priority", "1"),
                ("CallerID", caller_id),
                ("Async", "true"),
            ]
        )
        if answer.get("Response") != "Success":
            raise AmiError(answer.get("Message") or "originate refused")
        connection.action([("Action", "Logoff")])
        return answer
    except (OSError, TimeoutError) as exc:
        raise AmiError(str(exc)) from exc
    finally:
        connection.close()
