import hmac
import json

from odoo import http
from odoo.http import request

from ..models.crm_softphone_pbx import LOCK_QUERY, TRY_LOCK_QUERY
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


def _lock_calls(pbx, events):
    """The request's calls locked before the transaction sees the database: a request that
    waited for another one about the same calls then sees the calls that one created.

    The database shows a transaction what was committed when it first read (PostgreSQL's
    repeatable read): a request that waited for the lock of a call another request was
    creating would not see that call, fail on it and be run again by Odoo after a random
    pause (up to 2 s the first time). So nothing read so far is kept (the transaction has
    written nothing yet): the locks are tried first thing in a new transaction; while one of
    them is taken, the request waits for all of them, lets them go and tries again in a new
    transaction."""
    cr, uids = request.env.cr, sorted({event["call_id"] for event in events})
    while uids:
        cr.rollback()
        request.env.invalidate_all(flush=False)
        cr.execute(TRY_LOCK_QUERY, (pbx.id, uids))
        if cr.fetchone()[0]:
            return
        cr.rollback()  # none kept while waiting (in their order): no deadlock
        cr.execute(LOCK_QUERY, (pbx.id, uids))


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
        _lock_calls(pbx, events)
        touched = pbx.softphone_ingest(events)
        return _answer(200, events=len(events), calls=len(touched))
