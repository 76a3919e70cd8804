from odoo import _, api, fields, models

LOG_KINDS = [
    ("confirm", "Absence confirmed"),
    ("grant", "Rights granted"),
    ("return", "Rights returned"),
    ("redirect", "New work redirected"),
    ("handover", "Work handed over"),
]


class CrmAccessLog(models.Model):
    """Журнал: every grant and return of an absent user's view, every piece of new work sent
    to a deputy and every handing over of a leaver's work."""

    _name = "crm.access.log"
    _description = "Access and Handover Log"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    kind = fields.Selection(LOG_KINDS, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", "Employee", readonly=True, index=True, help="The absent or leaving employee."
    )
    target_user_id = fields.Many2one("res.users", "Deputy or Successor", readonly=True, index=True)
    work_kind = fields.Char(readonly=True)
    absence_id = fields.Many2one("crm.access.absence", readonly=True, ondelete="set null")
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", readonly=True)
    res_name = fields.Char("Document", readonly=True)
    author_id = fields.Many2one(
        "res.users", "By", readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _describe(self, kind, absence):
        deputies = ", ".join(
            f"{line.deputy_id.name} ({dict(line._fields['kind']._description_selection(self.env))[line.kind]})"
            for line in absence.line_ids
        )
        if kind == "confirm":
            return _("Absence confirmed; deputies: %s.", deputies)
        if kind == "grant":
            return _(
                "The absence has begun: %s now see the work of %s.", deputies, absence.user_id.name
            )
        return _(
            "The absence is over: the view of %s's work is returned from %s.",
            absence.user_id.name,
            deputies,
        )

    @api.model
    def _log_redirect(self, absent, deputy, record, kind):
        self.sudo().create(
            {
                "kind": "redirect",
                "user_id": absent.id,
                "target_user_id": deputy.id,
                "work_kind": kind,
                "res_model": record._name,
                "res_id": record.id,
                "res_name": record.display_name,
            }
        )
