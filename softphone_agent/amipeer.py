"""A scripted Asterisk Manager Interface peer on loopback, to try the agent without a PBX.

It speaks the real AMI protocol (greeting line, "Key: value" blocks ended by a blank line,
ActionID echoed): Login, Ping, Originate, CoreShowChannels (an event list), Logoff; events are
pushed to the logged-in clients and connections dropped on demand. The tests of the agent and
of crm_softphone run the agent against it (plain Python, asyncio).
"""

import asyncio
import time

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
        self.connections = {}  # writer -> the task serving it

    async def start(self, port=0):
        self.server = await asyncio.start_server(self._handle, HOST, port)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        """Every connection closed and its task ended, the port freed."""
        self.server.close()
        for writer in list(self.connections):
            writer.close()
        self.clients.clear()
        tasks = list(self.connections.values())
        if tasks:
            await asyncio.wait(tasks, timeout=5)
        await self.server.wait_closed()

    async def drop(self):
        """The PBX goes away: every connection is closed."""
        for writer in list(self.clients):
            writer.close()
        self.clients.clear()

    async def _handle(self, reader, writer):
        self.connections[writer] = asyncio.current_task()
        try:
            writer.write(b"Asterisk Call Manager/5.0.1\r\n")
            await writer.drain()
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
            self.connections.pop(writer, None)
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
        elif name in ("originate", "coreshowchannels") and writer not in self.clients:
            writer.write(
                ami_block({"Response": "Error", **reply, "Message": "Permission denied"}).encode()
            )
        elif name == "originate":
            writer.write(
                ami_block(
                    {"Response": "Success", **reply, "Message": "Originate successfully queued"}
                ).encode()
            )
        elif name == "coreshowchannels":
            writer.write(
                ami_block(
                    {"Response": "Success", **reply, "EventList": "start",
                     "Message": "Channels will follow"}
                ).encode()
            )  # fmt: skip
            for channel in self.channels:
                writer.write(ami_block({"Event": "CoreShowChannel", **reply, **channel}).encode())
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
