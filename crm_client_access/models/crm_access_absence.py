from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

WORK_KINDS = [
    ("all", "All work"),
    ("sales", "Clients, interests and tasks"),
    ("claims", "Claims"),
    ("calls", "Calls"),
]


class CrmAccessAbsence(models.Model):
    """Отсутствие сотрудника: for exactly this time the deputies see the absent user's work
    and take his new tasks and calls; afterwards everything returns by itself."""

    _name = "crm.access.absence"
    _description = "Employee Absence"
    _inherit = ["mail.thread", "crm.access.reach.mixin"]
    _order = "date_from desc, id desc"
    _crm_access_reach_fields = ("user_id", "state", "date_from", "date_to", "line_ids")

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users",
        "Absent Employee",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    date_from = fields.Datetime("From", required=True, tracking=True)
    date_to = fields.Datetime("To", required=True, tracking=True)
    reason = fields.Char(help="Vacation, sick leave, business trip...")
    line_ids = fields.One2many("crm.access.absence.line", "absence_id", "Deputies", copy=True)
    deputy_ids = fields.Many2many(
        "res.users",
        compute="_compute_deputy_ids",
        string="Deputy Users",
        search="_search_deputy_ids",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    phase = fields.Selection(
        [("planned", "Planned"), ("current", "Now"), ("over", "Over")],
        compute="_compute_phase",
        search="_search_phase",
    )
    grant_logged = fields.Boolean(copy=False, readonly=True)
    return_logged = fields.Boolean(copy=False, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _dates_in_order = models.Constraint(
        "CHECK (date_to > date_from)", "An absence ends after it begins."
    )

    @api.depends("user_id", "date_from", "date_to")
    def _compute_name(self):
        for absence in self:
            absence.name = _(
                "%(user)s: %(start)s – %(end)s",
                user=absence.user_id.name or "",
                start=(absence.date_from and fields.Date.to_string(absence.date_from)) or "",
                end=(absence.date_to and fields.Date.to_string(absence.date_to)) or "",
            )

    @api.depends("line_ids.deputy_id")
    def _compute_deputy_ids(self):
        for absence in self:
            absence.deputy_ids = absence.line_ids.deputy_id

    def _search_deputy_ids(self, operator, value):
        return [("line_ids.deputy_id", operator, value)]

    @api.depends_context("uid")
    def _compute_phase(self):
        now = fields.Datetime.now()
        for absence in self:
            if absence.date_from and absence.date_from > now:
                absence.phase = "planned"
            elif absence.date_to and absence.date_to <= now:
                absence.phase = "over"
            else:
                absence.phase = "current"

    def _search_phase(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        values = [value] if operator == "=" else list(value)
        now = fields.Datetime.now()
        domains = {
            "planned": [("date_from", ">", now)],
            "current": [("date_from", "<=", now), ("date_to", ">", now)],
            "over": [("date_to", "<=", now)],
        }
        return fields.Domain.OR(fields.Domain(domains[v]) for v in values if v in domains)

    # ------------------------------------------------------------------ who may

    @api.constrains("user_id", "line_ids")
    def _check_deputies(self):
        for absence in self:
            if absence.user_id in absence.line_ids.deputy_id:
                raise ValidationError(_("An employee cannot deputise for himself."))
            if absence.line_ids.deputy_id.filtered("share"):
                raise ValidationError(_("A deputy must be an internal user."))

    def _check_may_manage(self):
        """The absent user himself, whoever already sees his work (his head, his team leader)
        or a sales administrator: nobody else gives himself another user's view."""
        user = self.env.user
        if self.env.su or user.has_group("sales_team.group_sale_manager"):
            return
        absent = self.user_id - user
        if not absent:
            return
        # his own reach, not one he holds as somebody's deputy
        seen = (
            self.env["res.users"]
            .with_context(crm_access_no_deputies=True)
            .search([("id", "in", absent.ids), ("crm_access_viewer_ids", "in", [user.id])])
        )
        if absent - seen:
            raise AccessError(
                _(
                    "You may record an absence only for yourself or for an employee whose work "
                    "you already see (%s).",
                    ", ".join((absent - seen).mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        absences = super().create(vals_list)
        absences._check_may_manage()
        return absences

    def write(self, vals):
        self._check_may_manage()
        result = super().write(vals)
        if {"user_id", "line_ids"} & set(vals):
            self._check_may_manage()
        return result

    def unlink(self):
        self._check_may_manage()
        if self.filtered("grant_logged"):
            raise ValidationError(
                _("An absence that has begun is kept for the log; cancel it instead.")
            )
        return super().unlink()

    # ------------------------------------------------------------------ actions

    def action_confirm(self):
        self._check_may_manage()
        for absence in self:
            if not absence.line_ids:
                raise ValidationError(_("Name at least one deputy before confirming the absence."))
        self.write({"state": "confirmed"})
        self._log("confirm")
        self._crm_access_sync_log()
        return True

    def action_cancel(self):
        self._check_may_manage()
        begun = self.filtered(
            lambda a: a.state == "confirmed" and a.grant_logged and not a.return_logged
        )
        self.write({"state": "cancelled"})
        begun._log("return")
        begun.sudo().write({"return_logged": True})
        return True

    def action_draft(self):
        self._check_may_manage()
        self.filtered(lambda a: a.state == "cancelled").write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ log

    def _log(self, kind):
        Log = self.env["crm.access.log"].sudo()
        for absence in self:
            for line in absence.line_ids:
                Log.create(
                    {
                        "kind": kind,
                        "user_id": absence.user_id.id,
                        "target_user_id": line.deputy_id.id,
                        "work_kind": line.kind,
                        "absence_id": absence.id,
                        "date": {
                            "grant": absence.date_from,
                            "return": min(absence.date_to, fields.Datetime.now()),
                        }.get(kind, fields.Datetime.now()),
                    }
                )
            absence.message_post(body=Log._describe(kind, absence))

    @api.model
    def _crm_access_sync_log(self):
        """Log each grant when its absence begins and each return when it ends (the cron's
        work; also run at confirmation so a begun absence is logged at once)."""
        now = fields.Datetime.now()
        self.sudo().search(self._crm_access_unlogged_domain(now))._crm_access_log_due(now)

    @api.model
    def _crm_access_unlogged_domain(self, now):
        """The confirmed absences whose begun grant or ended return is not logged yet."""
        return [
            ("state", "=", "confirmed"),
            ("company_id", "in", self.env.companies.ids),
            "|",
            "&",
            ("grant_logged", "=", False),
            ("date_from", "<=", now),
            "&",
            ("return_logged", "=", False),
            ("date_to", "<=", now),
        ]

    def _crm_access_log_due(self, now):
        """Log the grant of those of these absences that have begun and the return of those
        that have ended, once each (their marks say what is logged)."""
        begun = self.filtered(lambda absence: not absence.grant_logged and absence.date_from <= now)
        begun._log("grant")
        begun.write({"grant_logged": True})
        ended = self.filtered(lambda absence: not absence.return_logged and absence.date_to <= now)
        ended._log("return")
        ended.write({"return_logged": True})

    @api.model
    def _cron_sync_log(self):
        """The log of every company's absences, in committed batches."""
        absences = self.sudo().with_context(
            allowed_company_ids=self.env["res.company"].sudo().search([]).ids
        )
        now = fields.Datetime.now()
        self.env["ir.cron"]._crm_run_batches(
            "access_absence_log",
            absences,
            absences._crm_access_unlogged_domain(now),
            lambda batch: batch._crm_access_log_due(now),
        )

    # ------------------------------------------------------------------ deputies

    @api.model
    def _current_lines(self, users, kind=None, now=None):
        """The deputy lines of ``users``' absences now (of ``kind``, or of any kind)."""
        now = now or fields.Datetime.now()
        domain = [
            ("absence_id.user_id", "in", users.ids),
            ("absence_id.state", "=", "confirmed"),
            ("absence_id.date_from", "<=", now),
            ("absence_id.date_to", ">", now),
        ]
        if kind:
            domain.append(("kind", "in", ["all", kind]))
        return self.env["crm.access.absence.line"].sudo().search(domain, order="sequence, id")

    @api.model
    def _deputy_for(self, user, kind, now=None):
        """Who takes the absent ``user``'s new work of ``kind`` now: his first deputy for
        that kind (a chain of absences is followed), or ``user`` himself."""
        seen = set()
        while user and user.id not in seen:
            seen.add(user.id)
            line = self._current_lines(user, kind, now=now)[:1]
            if not line:
                return user
            user = line.deputy_id
        return user

    @api.model
    def _deputies_of(self, users, kind, now=None):
        return self._current_lines(users, kind, now=now).deputy_id

    @api.model
    def _redirect_new_work(self, vals_list, kind_of, applies=None, default_user=None):
        """Send new work meant for an absent user to his deputy: rewrites ``user_id`` in the
        values; returns what moved, for ``_log_redirected`` once the records exist.
        Every activity created anywhere passes here: one query for the whole batch finds who
        is absent at all, and only their work looks for a deputy."""
        redirected = {}
        vals_list = [vals for vals in vals_list if not applies or applies(vals)]
        users = self.env["res.users"].browse(
            {vals.get("user_id", default_user) for vals in vals_list} - {None, False}
        )
        absent = self._current_lines(users).absence_id.user_id if users else users
        for vals in vals_list:
            user = self.env["res.users"].browse(vals.get("user_id", default_user) or [])
            if user not in absent or not user:
                continue
            kind = kind_of(vals)
            deputy = self._deputy_for(user, kind)
            if deputy != user:
                vals["user_id"] = deputy.id
                redirected[id(vals)] = (user, deputy, kind)
        return redirected

    @api.model
    def _log_redirected(self, vals_list, records, redirected):
        for vals, record in zip(vals_list, records, strict=True):
            if id(vals) in redirected:
                user, deputy, kind = redirected[id(vals)]
                self.env["crm.access.log"]._log_redirect(user, deputy, record, kind)


class CrmAccessAbsenceLine(models.Model):
    _name = "crm.access.absence.line"
    _inherit = ["crm.access.reach.mixin"]
    _description = "Absence Deputy"
    _crm_access_reach_fields = ("absence_id", "deputy_id", "kind")
    _order = "sequence, id"

    absence_id = fields.Many2one(
        "crm.access.absence", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(WORK_KINDS, "Work", required=True, default="all")
    deputy_id = fields.Many2one(
        "res.users", "Deputy", required=True, domain="[('share', '=', False)]", index=True
    )
    company_id = fields.Many2one(related="absence_id.company_id", store=True)

    # a deputy line gives another user's view: who may change it is who may manage its
    # absence (a salesman adding himself as a deputy to a colleague's absence is refused)
    # (checked before the change: once a deputy, he would see the absent user's work)
    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.access.absence"].browse(
            {vals["absence_id"] for vals in vals_list if vals.get("absence_id")}
        )._check_may_manage()
        return super().create(vals_list)

    def write(self, vals):
        absences = self.absence_id
        if vals.get("absence_id"):
            absences |= absences.browse(vals["absence_id"])
        absences._check_may_manage()
        return super().write(vals)

    def unlink(self):
        self.absence_id._check_may_manage()
        return super().unlink()
