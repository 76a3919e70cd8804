import hmac
import json

from odoo import http
from odoo.http import request

from ..pure import calls

TOKEN_HEADER = "X-Softphone-Token"


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
    )
    def pbx_events(self, pbx_id, **kwargs):
        """Call events of one PBX: one event object or {"events": [...]}.

        200 {"calls": n}; 400 a body that is not JSON or not valid events (the reason is
        given); 401 a missing or wrong token; 404 no such active PBX.
        """
        pbx = request.env["crm.softphone.pbx"].sudo().browse(pbx_id).exists()
        if not pbx or not pbx.active:
            return _answer(404, error=_env()._("Unknown PBX %s.", pbx_id))
        env = _env(pbx)
        token = request.httprequest.headers.get(TOKEN_HEADER, "")
        if not token or not pbx.token or not hmac.compare_digest(token, pbx.token):
            return _answer(401, error=env._("Missing or wrong %s header.", TOKEN_HEADER))
        try:
            body = json.loads(request.httprequest.get_data() or b"null")
        except (ValueError, UnicodeDecodeError):
            return _answer(400, error=env._("The body is not JSON."))
        if body == {"ping": True}:  # the agent's --check
            return _answer(200, pong=True, pbx=pbx.name)
        try:
            events = calls.check_body(body)
        except calls.EventError as exc:
            return _answer(400, error=env._("The events are not valid: %s", exc))
        touched = pbx.softphone_ingest(events)
        return _answer(200, events=len(events), calls=len(touched))
