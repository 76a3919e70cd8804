from odoo import _, models
from odoo.exceptions import RedirectWarning

from ..wizards.crm_access_handover import HANDOVER_ARCHIVE_KEY


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        """An internal user with open work is not archived: his work is handed over first."""
        if (
            "active" in vals
            and not vals["active"]
            and not self.env.context.get(HANDOVER_ARCHIVE_KEY)
            and not self.env.context.get("install_mode")
        ):
            self._crm_handover_check_open_work()
        return super().write(vals)

    def _crm_handover_check_open_work(self):
        Handover = self.env["crm.access.handover"]
        for user in self.filtered(lambda u: u.active and not u.share):
            work = Handover._crm_handover_open_work(user)
            if not work:
                continue
            raise RedirectWarning(
                _(
                    "%(user)s still has open work: %(work)s. Hand his work over first.",
                    user=user.name,
                    work="; ".join(f"{label}: {count}" for label, count in work),
                ),
                self.env.ref("crm_client_access.crm_access_handover_action").id,
                _("Hand Work Over"),
                {"default_from_user_id": user.id, "default_archive_after": True},
            )
