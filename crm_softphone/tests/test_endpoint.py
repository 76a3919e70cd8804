import json
import random
from collections import Counter

from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon


@tagged("post_install", "-at_install")
class TestEndpoint(SoftphoneCommon, HttpCase):
    def post(self, body, token="secret-token", pbx=None, raw=None):
        """POST `body` as JSON (or the `raw` bytes or text) with the token header."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["X-Softphone-Token"] = token
        return self.url_open(
            f"/crm_softphone/pbx/{(pbx or self.pbx).id}/events",
            data=raw if raw is not None else json.dumps(body),
            headers=headers,
        )

    def test_refusals_are_clear(self):
        event = self.ev("e1", "ring", 0, **{"from": "+79161234567"})
        self.assertEqual(self.post(event, token=None).status_code, 401)
        self.assertEqual(self.post(event, token="wrong").status_code, 401)
        unknown = self.url_open(
            "/crm_softphone/pbx/999999/events",
            data=json.dumps(event),
            headers={"X-Softphone-Token": "secret-token"},
        )
        self.assertEqual(unknown.status_code, 404)
        bad_json = self.post(None, raw="{not json")
        self.assertEqual(bad_json.status_code, 400)
        self.assertIn("not JSON", bad_json.json()["error"])
        bad = self.post({"call_id": "e1", "event": "dial", "time": "2026-11-23T10:00:00Z"})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("event must be one of", bad.json()["error"])
        self.assertFalse(self.call("e1"))

    def test_refusals_speak_the_companys_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["crm_softphone"], ["ru_RU"])
        self.pbx.company_id.partner_id.lang = "ru_RU"
        event = self.ev("e1", "ring", 0, **{"from": "+79161234567"})
        wrong = self.post(event, token="wrong")
        self.assertEqual(wrong.status_code, 401)
        self.assertEqual(
            wrong.json()["error"], "Заголовок X-Softphone-Token отсутствует или неверен."
        )
        bad_json = self.post(None, raw="{not json")
        self.assertEqual(bad_json.json()["error"], "Тело запроса не является JSON.")
        bad = self.post({"call_id": "e1", "event": "dial", "time": "2026-11-23T10:00:00Z"})
        self.assertEqual(
            bad.json()["error"],
            "События не приняты: Поле event должно быть одним из: ring, answer, hangup, recording.",
        )
        nul = self.post({**event, "call_id": "e1\x00"})
        self.assertEqual(
            nul.json()["error"], "События не приняты: Поле call_id содержит недопустимые символы."
        )
        too_big = self.post(None, raw=json.dumps({"pad": "x" * (9 * 2**20)}))
        self.assertEqual(too_big.json()["error"], "Тело запроса больше 8388608 байт.")

    def test_duplicates_and_reordered_events_make_one_call(self):
        events = self.incoming("e2", "+79161234567")
        for event in [events[3], events[0], events[3], events[2], events[1], events[0]]:
            response = self.post(event)
            self.assertEqual(response.status_code, 200, response.text)
        response = self.post({"events": events + events})
        self.assertEqual(response.json(), {"events": 8, "calls": 1})
        call = self.call("e2")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.partner_id, self.client)
        self.assertEqual(call.user_id, self.salesman)
        self.assertEqual(call.call_state, "awaiting_result")
        self.assertEqual(call.call_talk_time, 1.0)

    def test_token_header_with_any_bytes_is_a_401(self):
        event = self.ev("t1", "ring", 0, **{"from": "+79161234567"})
        for token in ["токен".encode(), b"secret-token\xff", "café".encode("latin-1"), b"\xe9"]:
            response = self.post(event, token=token)
            self.assertEqual(response.status_code, 401, token)
            self.assertIn("X-Softphone-Token", response.json()["error"])
        self.assertFalse(self.call("t1"))

    def test_bad_input_is_refused_with_a_reason(self):
        deep = self.post(None, raw="[" * 100_000 + "]" * 100_000)
        self.assertEqual(deep.status_code, 400)
        self.assertIn("not JSON", deep.json()["error"])
        huge_id = self.url_open(
            "/crm_softphone/pbx/99999999999999999999/events",
            data=json.dumps(self.ev("h1", "ring", 0)),
            headers={"X-Softphone-Token": "secret-token"},
        )
        self.assertEqual(huge_id.status_code, 404)
        for field, value in [("call_id", "h1\x00"), ("from", "\ud800"), ("extension", "2\n01")]:
            event = {**self.ev("h1", "ring", 0), field: value}
            response = self.post(event)
            self.assertEqual(response.status_code, 400, field)
            self.assertIn(f"Field {field} holds characters", response.json()["error"])
        too_big = self.post(None, raw=json.dumps({"events": [], "pad": "x" * (9 * 2**20)}))
        self.assertEqual(too_big.status_code, 413)
        self.assertIn("larger than", too_big.json()["error"])
        self.assertFalse(self.call("h1"))

    def test_fuzzed_requests_never_get_a_500_and_refusals_store_nothing(self):
        """Random headers, bodies, sizes, encodings and nested JSON (a fixed seed): every
        answer is a 2xx, or a 4xx with a reason, and a refused request stores nothing."""
        rng = random.Random(21)
        archived = self.pbx.copy({"name": "Old", "token": "old-token", "active": False})
        Interaction, Activity = self.env["crm.interaction"], self.env["mail.activity"]
        statuses = Counter()
        for number in range(300):
            path, headers, data = self._fuzzed_request(rng, archived)
            if isinstance(data, str):
                data = data.encode()
            before = (Interaction.search_count([]), Activity.search_count([]))
            response = self.url_open(path, data=data, headers=headers, method="POST")
            statuses[response.status_code] += 1
            what = f"request {number}: {path} {headers!r} {data[:200]!r}"
            self.assertTrue(
                200 <= response.status_code < 300 or 400 <= response.status_code < 500,
                f"{what} answered {response.status_code}: {response.text[:500]}",
            )
            if response.status_code >= 400:
                error = response.json().get("error")
                self.assertTrue(isinstance(error, str) and error.strip(), what)
                self.env.invalidate_all()
                after = (Interaction.search_count([]), Activity.search_count([]))
                self.assertEqual(after, before, f"{what} was refused but stored something")
        # the seed reaches every kind of answer
        self.assertTrue({200, 400, 401, 404} <= set(statuses), statuses)

    def _fuzzed_request(self, rng, archived):
        pbx_id = rng.choice([self.pbx.id] * 8 + [archived.id, 0, 987654, 2**40, 2**31 - 1, 2**31])
        path = f"/crm_softphone/pbx/{pbx_id}/events"
        if rng.random() < 0.2:
            path += "?" + rng.choice(["db=x", "pbx_id=abc", "events=1&events=2", "a=%ff%00"])
        token = rng.choice(
            [b"secret-token"] * 6
            + [b"wrong", "токен".encode(), b"secret-token\xff", b"\xe9" * 3, b"x" * 5000, b"", None]
        )
        headers = {}
        if token is not None:
            headers["X-Softphone-Token"] = token
        content_type = rng.choice(
            [
                "application/json",
                "application/json; charset=utf-16",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=zz",
                None,
            ]
        )
        if content_type:
            headers["Content-Type"] = content_type
        for __ in range(rng.randint(0, 3)):
            name = "X-" + "".join(rng.choice("abcdefgh-") for __ in range(rng.randint(1, 12)))
            headers[name] = bytes(rng.randint(0x21, 0xFF) for __ in range(rng.randint(0, 40)))
        return path, headers, self._fuzzed_body(rng)

    def _fuzzed_body(self, rng):
        kind = rng.randrange(9)
        if kind == 0:  # valid events, sometimes many
            count = rng.choice([1, 2, 5, 50, 1001])
            events = [self._random_event(rng) for __ in range(count)]
            return json.dumps({"events": events} if count > 1 or rng.random() < 0.5 else events[0])
        if kind == 1:  # a valid event with one field replaced by anything
            event = self._random_event(rng)
            key = rng.choice([*event, "events", "extension", "recording_url"])
            event[key] = self._random_json(rng, 0)
            return json.dumps(event, ensure_ascii=rng.random() < 0.5)
        if kind == 2:  # escapes JSON allows and PostgreSQL does not store
            event = self._random_event(rng)
            event[rng.choice(["call_id", "from", "to", "extension"])] = rng.choice(
                ["\u0000", "a\ud800b", "\udfff", "\x1b[31m", "x" * 129, "٣٣٣٣٣٣٣", "+7 (916) ☎"]
            )
            return json.dumps(event)
        if kind == 3:  # nested JSON, deep or wide
            depth = rng.choice([10, 500, 5000, 200_000])
            opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
            return (opener * depth + "1" + closer * depth).encode()
        if kind == 4:  # random JSON values
            return json.dumps(self._random_json(rng, 0))
        if kind == 5:  # random bytes
            return bytes(rng.randrange(256) for __ in range(rng.choice([0, 1, 10, 1000, 100_000])))
        if kind == 6:  # valid JSON in another encoding
            text = json.dumps({**self._random_event(rng), "to": "Москва"}, ensure_ascii=False)
            return text.encode(rng.choice(["utf-16", "utf-32", "utf-8-sig", "cp1251", "koi8-r"]))
        if kind == 7:  # large: a long text, a long list
            size = rng.choice([10_000, 500_000, 2_000_000])
            if rng.random() < 0.5:
                return json.dumps({**self._random_event(rng), "from": "7" * size})
            return json.dumps({"events": [1] * (size // 3)})
        return rng.choice(
            [b"", b"null", b"[]", b"{}", b'{"events": []}', b'{"events": {}}', b'{"ping": true}',
             b"NaN", b'{"call_id": "x", "event": "ring", "time": NaN}', b"1e999999",
             b'{"call_id": "x", "event": "ring", "time": ' + b"9" * 5000 + b"}",
             b'{"call_id": "x", "event": "ring", "time": -1e300}', b"\xef\xbb\xbf{}"]
        )  # fmt: skip

    def _random_event(self, rng):
        call_id = f"fz{rng.randrange(12)}"
        kind = rng.choice(["ring", "answer", "hangup", "recording"])
        event = self.ev(call_id, kind, rng.randrange(120))
        if rng.random() < 0.5:
            event["time"] = 1795428000 + rng.random() * 100
        if kind == "ring":
            event["from"] = rng.choice(["+79161234567", "84951234567", "garbage", "201", ""])
            event["direction"] = rng.choice(["incoming", "outgoing"])
        if kind in ("ring", "answer"):
            event["extension"] = rng.choice(["201", "202", "999", 201])
        if kind == "recording":
            event["recording_url"] = f"https://pbx.example.com/r/{call_id}.wav"
        return event

    def _random_json(self, rng, depth):
        kind = rng.randrange(8 if depth < 4 else 6)
        if kind == 0:
            return None
        if kind == 1:
            return rng.random() < 0.5
        if kind == 2:
            return rng.choice([0, -1, 2**31, 2**63, 10**30, -(10**20)])
        if kind == 3:
            return rng.choice([0.5, -1e308, 1e-308, 3.14])
        if kind in (4, 5):
            alphabet = "az09 +-()\"'\\/\u00e9\u0416\u4e2d\U0001f600\u200b\t"
            return "".join(rng.choice(alphabet) for __ in range(rng.choice([0, 1, 10, 300])))
        if kind == 6:
            return [self._random_json(rng, depth + 1) for __ in range(rng.randrange(5))]
        return {
            rng.choice(["event", "call_id", "time", "events", "", "ü"]): self._random_json(
                rng, depth + 1
            )
            for __ in range(rng.randrange(5))
        }
