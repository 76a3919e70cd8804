"""Asterisk AMI events turned into crm_softphone call events (plain Python).

The call id is Asterisk's Linkedid: every channel of one call shares it. From AMI:
- Newchannel of the first channel (Uniqueid == Linkedid): the call rings, caller and dialled
  number;
- DialBegin: an extension rings; DialEnd with DialStatus ANSWER: that extension answered;
- Hangup of the first channel: the call ended;
- VarSet of MIXMONITOR_FILENAME: the recording, as a link when a recording URL is configured.
"""

import re
import time
from pathlib import PurePosixPath

CHANNEL = re.compile(r"^[A-Za-z0-9_]+/(?P<peer>[^-@;]+)")


class Translator:
    def __init__(self, extension_pattern=r"^\d{2,6}$", recording_url=None):
        self.extension = re.compile(extension_pattern)
        self.recording_url = recording_url

    def _extension_of(self, message, channel_key, number_key):
        match = CHANNEL.match(message.get(channel_key) or "")
        for candidate in (match and match.group("peer"), message.get(number_key)):
            if candidate and self.extension.match(candidate):
                return candidate
        return None

    @staticmethod
    def _time(message):
        stamp = message.get("Timestamp")
        try:
            return float(stamp) if stamp else time.time()
        except ValueError:
            return time.time()

    def events(self, message):
        """The call events (list of dicts) an AMI event gives; most give none."""
        kind = (message.get("Event") or "").lower()
        linked = message.get("Linkedid") or message.get("Uniqueid")
        if not linked:
            return []
        base = {"call_id": linked, "time": self._time(message)}
        first_channel = message.get("Uniqueid") == linked
        if kind == "newchannel" and first_channel:
            event = {**base, "event": "ring", "from": message.get("CallerIDNum"),
                     "to": message.get("Exten")}  # fmt: skip
            if message.get("CallerIDNum") and self.extension.match(message["CallerIDNum"]):
                event["direction"] = "outgoing"
                event["extension"] = message["CallerIDNum"]
            else:
                event["direction"] = "incoming"
            return [self._clean(event)]
        if kind == "dialbegin":
            extension = self._extension_of(message, "DestChannel", "DestCallerIDNum")
            return [self._clean({**base, "event": "ring", "extension": extension})]
        if kind == "dialend" and (message.get("DialStatus") or "").upper() == "ANSWER":
            extension = self._extension_of(message, "DestChannel", "DestCallerIDNum")
            return [self._clean({**base, "event": "answer", "extension": extension})]
        if kind == "hangup" and first_channel:
            return [{**base, "event": "hangup"}]
        if kind == "varset" and message.get("Variable") == "MIXMONITOR_FILENAME":
            if self.recording_url and message.get("Value"):
                name = PurePosixPath(message["Value"]).name
                url = self.recording_url.format(file=name, call_id=linked)
                return [{**base, "event": "recording", "recording_url": url}]
        return []

    @staticmethod
    def _clean(event):
        return {key: value for key, value in event.items() if value not in (None, "")}
