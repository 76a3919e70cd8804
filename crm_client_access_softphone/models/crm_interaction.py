from odoo import api, models

# the deputy who takes an absent user's calls and gets their popup
WORK_KIND = "calls"


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _crm_access_work_kind(self, vals):
        """A call the PBX registered is a call's work: the deputy for calls takes it."""
        if vals.get("softphone_pbx_id") or vals.get("call_uid"):
            return WORK_KIND
        return super()._crm_access_work_kind(vals)

    def _crm_access_call_kind(self):
        self.ensure_one()
        return self._crm_access_work_kind(
            {"softphone_pbx_id": self.softphone_pbx_id.id, "call_uid": self.call_uid}
        )

    def _softphone_auto_owner(self):
        """The owner of an incoming call as its events say; while he is absent, his deputy
        for calls. A call the absent user makes himself stays his."""
        owner = super()._softphone_auto_owner()
        if (
            not owner
            or self.env.context.get("crm_access_no_deputy")
            or self._softphone_is_outgoing()
        ):
            return owner
        return self.env["crm.access.absence"]._deputy_for(owner, self._crm_access_call_kind())

    def _softphone_after_merge(self, created, owners_before=None):
        """The PBX gives the call its owner here: a call given to a deputy instead of the
        absent owner is logged as redirected."""
        users_before = {call.id: call.user_id for call in self}
        result = super()._softphone_after_merge(created, owners_before)
        Log = self.env["crm.access.log"]
        for call in self:
            user = call.user_id
            if not user or user == users_before[call.id]:
                continue
            owner = call.with_context(crm_access_no_deputy=True)._softphone_auto_owner()
            if owner and owner != user:
                Log._log_redirect(owner, user, call, call._crm_access_call_kind())
        return result

    def _softphone_popup_users(self):
        """Whose phone rang, and the deputy for calls of each of them who is absent."""
        users = super()._softphone_popup_users()
        return users | self.env["crm.access.absence"]._deputies_of(users, WORK_KIND)

    def _softphone_popup_payload(self):
        """A deputy for calls answers for the absent user whose phone rang: his popup lists,
        besides the interests he sees himself, the caller's open interests the absent user is
        responsible for (read for the popup; opening one needs the view of the sales
        deputy)."""
        payload = super()._softphone_popup_payload()
        client = self.sudo().partner_id
        rang = super()._softphone_popup_users()
        lines = self.env["crm.access.absence"]._current_lines(rang, WORK_KIND)
        absent = lines.filtered(lambda line: line.deputy_id == self.env.user).absence_id.user_id
        shown = [interest["id"] for interest in payload["interests"]]
        if not client or not absent or len(shown) >= 10:
            return payload
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", client.id),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                    ("user_id", "in", absent.ids),
                    ("id", "not in", shown),
                ],
                limit=10 - len(shown),
            )
        )
        payload["interests"] += self._softphone_popup_interests(leads)
        return payload
