import hmac
import json

from odoo import http
from odoo.http import request

from ..pure import calls

TOKEN_HEADER = "X-Softphone-Token"
MAX_BODY = 8 * 1024 * 1024  # 1000 events at their largest fit in a quarter of it
MAX_ID = 2**31 - 1  # PostgreSQL's integer


def _answer(status, **body):
    return request.make_json_response(body, status=status)


def _env(pbx=None):
    """The environment whose language the PBX's messages speak: the language of the PBX's
    company (of the main company when the PBX is unknown): the agent's technician reads them
    in the company's language."""
    company = pbx.company_id if pbx else request.env["res.company"].sudo().search([], limit=1)
    lang = company.sudo().partner_id.lang or "en_US"
    return request.env(context=dict(request.env.context, lang=lang))


class SoftphoneController(http.Controller):
    @http.route(
        "/crm_softphone/pbx/<int:pbx_id>/events",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,  # it stores the calls: never on the replica
    )
    def pbx_events(self, pbx_id, **kwargs):
        """Call events of one PBX: one event object or {"events": [...]}.

        200 {"calls": n}; 400 a body that is not JSON or not valid events (the reason is
        given); 401 a missing or wrong token; 404 no such active PBX; 413 a body too large.
        Whatever the request, the answer is one of these, never a 500; a refused request
        stores nothing.
        """
        pbx = request.env["crm.softphone.pbx"].sudo()
        if 0 < pbx_id <= MAX_ID:
            pbx = pbx.browse(pbx_id).exists()
        if not pbx or not pbx.active:
            return _answer(404, error=_env()._("Unknown PBX %s.", pbx_id))
        env = _env(pbx)
        # compared as bytes: a header is any bytes (read as Latin-1), compare_digest
        # refuses a text that is not ASCII
        token = request.httprequest.headers.get(TOKEN_HEADER, "").encode("utf-8")
        expected = (pbx.token or "").encode("utf-8")
        if not token or not expected or not hmac.compare_digest(token, expected):
            return _answer(401, error=env._("Missing or wrong %s header.", TOKEN_HEADER))
        length = request.httprequest.content_length
        if length is not None and length > MAX_BODY:
            return _answer(413, error=env._("The body is larger than %s bytes.", MAX_BODY))
        data = request.httprequest.get_data()
        if len(data) > MAX_BODY:
            return _answer(413, error=env._("The body is larger than %s bytes.", MAX_BODY))
        try:
            body = json.loads(data or b"null")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return _answer(400, error=env._("The body is not JSON."))
        if body == {"ping": True}:  # the agent's --check
            return _answer(200, pong=True, pbx=pbx.name)
        try:
            events = calls.check_body(body)
        except calls.EventError as exc:
            reason = env._(exc.template, **exc.params) if exc.params else env._(exc.template)
            return _answer(400, error=env._("The events are not valid: %s", reason))
        touched = pbx.softphone_ingest(events)
        return _answer(200, events=len(events), calls=len(touched))
