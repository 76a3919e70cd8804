"""Call events from a PBX, checked and merged into one call.

Plain Python. A PBX (or the agent) posts events: `ring`, `answer`, `hangup`, `recording`, each
carrying the PBX's call id. They may come twice, or in another order than they happened (a
retry, two agents, a queue replayed after an outage). `merge` is built so that the result does
not depend on either: times are kept as the earliest start, the earliest answer and the latest
end; texts as the first known value, the answering extension before the ringing one. Applying
the same event again changes nothing.
"""

from datetime import UTC, datetime

EVENTS = ("ring", "answer", "hangup", "recording")
DIRECTIONS = ("incoming", "outgoing")
MAX_EVENTS = 1000
MAX_TEXT = 128

STATE_RINGING = "ringing"
STATE_IN_PROGRESS = "in_progress"
STATE_AWAITING = "awaiting_result"
STATE_DONE = "done"
STATE_MISSED = "missed"


def _lt(message):
    """Marks a message for Odoo's translation export (this module imports no Odoo): the
    endpoint translates EventError.template into the PBX company's language."""
    return message


class EventError(ValueError):
    """A posted body or event that cannot be taken: `message` says why (untranslated
    template, `params` its values) so that the endpoint can answer it in the user's words."""

    def __init__(self, message, **params):
        super().__init__(message % params if params else message)
        self.template = message
        self.params = params


def parse_time(value):
    """A naive UTC datetime from an ISO 8601 string or a Unix timestamp."""
    if isinstance(value, bool):
        raise EventError(_lt("The time of an event must be a date and time."))
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError) as exc:
            raise EventError(_lt("The time of an event must be a date and time.")) from exc
    if not isinstance(value, str):
        raise EventError(_lt("The time of an event must be a date and time."))
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise EventError(_lt("The time of an event must be a date and time.")) from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _text(event, key, required=False):
    value = event.get(key)
    if value is None or value == "":
        if required:
            raise EventError(_lt("Field %(field)s is required."), field=key)
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise EventError(
            _lt("Field %(field)s must be a text of at most %(size)s characters."),
            field=key,
            size=MAX_TEXT,
        )
    _check_characters(key, value)
    return value.strip() or None


def _check_characters(key, value):
    """No control characters (a NUL cannot be stored) and no lone surrogates (no UTF-8)."""
    if any(ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise EventError(_lt("Field %(field)s holds characters that are not allowed."), field=key)


def check_event(event):
    """The event as a clean dict, or EventError."""
    if not isinstance(event, dict):
        raise EventError(_lt("An event must be a JSON object."))
    kind = event.get("event")
    if kind not in EVENTS:
        raise EventError(
            _lt("Field event must be one of: %(kinds)s."),
            kinds=", ".join(EVENTS),
        )
    clean = {
        "call_id": _text(event, "call_id", required=True),
        "event": kind,
        "time": parse_time(event.get("time")),
        "from": _text(event, "from"),
        "to": _text(event, "to"),
        "extension": _text(event, "extension"),
        "direction": event.get("direction") or None,
        "recording_url": None,
    }
    if clean["direction"] not in (None, *DIRECTIONS):
        raise EventError(_lt("Field direction must be incoming or outgoing."))
    url = event.get("recording_url")
    if url:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise EventError(_lt("Field recording_url must be an http(s) link."))
        if len(url) > 2048:
            raise EventError(_lt("Field recording_url is too long."))
        _check_characters("recording_url", url)
        clean["recording_url"] = url
    if kind == "recording" and not clean["recording_url"]:
        raise EventError(_lt("A recording event needs its recording_url."))
    return clean


def check_body(body):
    """The events of a posted body: one event object, or {"events": [...]}."""
    if isinstance(body, dict) and "events" in body:
        events = body["events"]
        if not isinstance(events, list) or not events:
            raise EventError(_lt("Field events must be a non-empty list."))
        if len(events) > MAX_EVENTS:
            raise EventError(_lt("At most %(max)s events per request."), max=MAX_EVENTS)
    elif isinstance(body, dict):
        events = [body]
    else:
        raise EventError(_lt("The body must be a JSON object."))
    return [check_event(event) for event in events]


# the call as merge() sees it: keys of a call's values
CALL_KEYS = (
    "start",
    "answer",
    "end",
    "from",
    "to",
    "ring_extension",
    "answer_extension",
    "direction",
    "recording_url",
)


def merge(call, event):
    """The values of `call` (dict over CALL_KEYS, missing = unknown) that `event` changes."""
    changes = {}

    def earliest(key, moment):
        if call.get(key) is None or moment < call[key]:
            changes[key] = moment

    def first(key, value):
        if value and not call.get(key):
            changes[key] = value

    moment = event["time"]
    earliest("start", moment)
    if event["event"] == "answer":
        earliest("answer", moment)
        first("answer_extension", event["extension"])
    elif event["event"] == "hangup":
        if call.get("end") is None or moment > call["end"]:
            changes["end"] = moment
    if event["event"] != "answer":
        first("ring_extension", event["extension"])
    first("from", event["from"])
    first("to", event["to"])
    first("direction", event["direction"])
    first("recording_url", event["recording_url"])
    return changes


def state_of(call, has_result=False):
    """ringing, in progress, awaiting result, done or missed (ended unanswered); and whether
    the call was missed."""
    if call.get("end") is not None:
        if call.get("answer") is not None:
            return (STATE_DONE if has_result else STATE_AWAITING), False
        return STATE_MISSED, True
    if call.get("answer") is not None:
        return STATE_IN_PROGRESS, False
    return STATE_RINGING, False


def talk_seconds(call):
    """Seconds between answer and end (0 for a missed or unfinished call)."""
    if call.get("answer") is None or call.get("end") is None:
        return 0
    return max(0, int((call["end"] - call["answer"]).total_seconds()))


# ---------------------------------------------------------------------- the call's own log
# A call keeps the distinct events it got, in one canonical order (time, then kind, then
# values). Its values are the merge of that log from scratch: the same whatever order the
# events came in and however often each came, also for the texts that merge() keeps "first".

_KIND_ORDER = {kind: number for number, kind in enumerate(EVENTS)}
_EVENT_KEYS = ("call_id", "event", "time", "from", "to", "extension", "direction", "recording_url")


def stored(event):
    """A checked event as JSON values (its time as ISO text), for the call's log."""
    return {
        key: (value.isoformat() if isinstance(value, datetime) else value)
        for key, value in event.items()
        if value is not None
    }


def _loaded(entry):
    event = {key: entry.get(key) for key in _EVENT_KEYS}
    event["time"] = datetime.fromisoformat(entry["time"])
    return event


def _order(entry):
    values = tuple(str(entry.get(key) or "") for key in _EVENT_KEYS)
    return datetime.fromisoformat(entry["time"]), _KIND_ORDER.get(entry["event"], 99), values


def log_with(log, events):
    """The call's log (stored events) with `events` (checked) added: distinct, in order."""
    distinct = {}
    for entry in [*(log or []), *(stored(event) for event in events)]:
        distinct.setdefault(tuple(sorted(entry.items())), entry)
    return sorted(distinct.values(), key=_order)


def fold(log, base=None):
    """The call's values (dict over CALL_KEYS) from its log; `base` the values of a call
    registered before calls kept their log."""
    call = dict(base or {})
    for entry in log:
        call.update(merge(call, _loaded(entry)))
    return call


def ringing_extensions(log, base=None):
    """The extensions that rang (a ring group rings several), distinct, in the order of the
    call's log; `base` the one ringing extension of a call registered before calls kept their
    log."""
    found = [entry.get("extension") for entry in log or [] if entry.get("event") == "ring"]
    if base:
        found.insert(0, base)
    return list(dict.fromkeys(extension for extension in found if extension))
