import hmac
import json

from odoo import http
from odoo.http import request

from ..pure import calls

TOKEN_HEADER = "X-Softphone-Token"


def _answer(status, **body):
    return request.make_json_response(body, status=status)


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
            return _answer(404, error=f"Unknown PBX {pbx_id}.")
        token = request.httprequest.headers.get(TOKEN_HEADER, "")
        if not token or not pbx.token or not hmac.compare_digest(token, pbx.token):
            return _answer(401, error=f"Missing or wrong {TOKEN_HEADER} header.")
        try:
            body = json.loads(request.httprequest.get_data() or b"null")
        except (ValueError, UnicodeDecodeError):
            return _answer(400, error="The body is not JSON.")
        if body == {"ping": True}:  # the agent's --check
            return _answer(200, pong=True, pbx=pbx.name)
        try:
            events = calls.check_body(body)
        except calls.EventError as exc:
            return _answer(400, error=str(exc))
        touched = pbx.softphone_ingest(events)
        return _answer(200, events=len(events), calls=len(touched))
