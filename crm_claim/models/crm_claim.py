import textwrap

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import html2plaintext

STATES = [
    ("processing", "Processing"),
    ("satisfied", "Satisfied"),
    ("not_satisfied", "Not Satisfied"),
]
FINAL_STATES = ("satisfied", "not_satisfied")


class CrmClaim(models.Model):
    _name = "crm.claim"
    _description = "Customer Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # participants and the guilty department's manager only read the claim, but they add
    # notes to it (message_post turns what they post into an internal note)
    _mail_post_access = "read"
    _rec_names_search = ["name", "subject"]

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    subject = fields.Char(
        compute="_compute_subject",
        store=True,
        readonly=False,
        tracking=True,
        help="What the client complains about, in his words and in a few of them. Left empty, "
        "the first line of the description.",
    )
    date = fields.Datetime(
        "Registration Date", required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The client (company or individual) who makes the claim.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('id', 'child_of', partner_id), ('is_company', '=', False)]",
    )
    description = fields.Html(help="What the client complains about.")
    reason_id = fields.Many2one(
        "crm.claim.reason", string="Reason", index="btree_not_null", tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Guilty Department",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Guilty Employee",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('department_id', '=', department_id)] if department_id else []",
    )
    participant_ids = fields.Many2many(
        "res.users",
        "crm_claim_participant_rel",
        "claim_id",
        "user_id",
        string="Participants",
        domain="[('share', '=', False)]",
        help="Colleagues who take part in reviewing the claim.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Interest",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('type', '=', 'opportunity')]",
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index="btree_not_null", check_company=True
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
    )
    product_ids = fields.Many2many(
        "product.product",
        "crm_claim_product_rel",
        "claim_id",
        "product_id",
        string="Products",
        check_company=True,
    )
    deadline = fields.Date(tracking=True, help="The claim must be reviewed by this date.")
    state = fields.Selection(
        STATES,
        string="Status",
        required=True,
        default="processing",
        index=True,
        tracking=True,
        group_expand=True,
    )
    resolution = fields.Text(
        "Review Results",
        tracking=True,
        help="What the review found and decided: required to close the claim.",
    )
    date_closed = fields.Datetime(
        "Closing Date", compute="_compute_date_closed", store=True, readonly=True, copy=False
    )
    resolution_days = fields.Float(
        "Days to Resolve",
        compute="_compute_resolution_days",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days from registration to closing; 0 while the claim is processed (the claim "
        "analysis counts closed claims only).",
    )
    satisfied_rate = fields.Integer(
        "Closed Satisfied, %",
        compute="_compute_satisfied_rate",
        store=True,
        aggregator="avg",
        help="100 for a claim closed satisfied, 0 otherwise: averaged over closed claims, the "
        "share of them closed satisfied.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    overdue_activity_planned = fields.Boolean(copy=False, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    # interactions are the salesmen's: participants without sales rights do not see them
    interaction_ids = fields.One2many(
        "crm.interaction",
        "claim_id",
        string="Interactions",
        groups="sales_team.group_sale_salesman",
    )
    interaction_count = fields.Integer(
        compute="_compute_interaction_count", groups="sales_team.group_sale_salesman"
    )
    color = fields.Integer()

    # ------------------------------------------------------------------ computes

    @api.depends("state")
    def _compute_date_closed(self):
        for claim in self:
            if claim.state in FINAL_STATES:
                claim.date_closed = claim.date_closed or fields.Datetime.now()
            else:
                claim.date_closed = False

    @api.depends("date", "date_closed")
    def _compute_resolution_days(self):
        for claim in self:
            if claim.date_closed and claim.date:
                seconds = (claim.date_closed - claim.date).total_seconds()
                claim.resolution_days = max(seconds, 0.0) / 86400.0
            else:
                claim.resolution_days = 0.0

    @api.depends("state")
    def _compute_satisfied_rate(self):
        for claim in self:
            claim.satisfied_rate = 100 if claim.state == "satisfied" else 0

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for claim in self:
            claim.is_overdue = bool(
                claim.state == "processing" and claim.deadline and claim.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain("state", "=", "processing") & Domain(
            "deadline", "<", fields.Date.context_today(self)
        )
        return overdue if True in value else ~overdue

    def _compute_interaction_count(self):
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("claim_id", "in", self.ids)], ["claim_id"], ["__count"]
            )
        )
        for claim in self:
            claim.interaction_count = counts.get(claim, 0)

    # ------------------------------------------------------------------ onchanges

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.commercial_partner_id != (
            self.partner_id.commercial_partner_id
        ):
            self.contact_id = False

    # An employee's department is HR data: sudo() reads it for users without HR rights.

    @api.onchange("department_id")
    def _onchange_department_id(self):
        department = self.employee_id.sudo().department_id
        if self.employee_id and self.department_id and department.id != self.department_id.id:
            self.employee_id = False

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        department = self.employee_id.sudo().department_id
        if department and not self.department_id:
            self.department_id = department.id

    # ------------------------------------------------------------------ constraints

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        for claim in self:
            if claim.state in FINAL_STATES and not (claim.resolution or "").strip():
                raise ValidationError(
                    _(
                        'Claim "%(claim)s" cannot be marked "%(status)s" without its review '
                        "results: fill in the Review Results first.",
                        claim=claim.name,
                        status=dict(claim._fields["state"]._description_selection(claim.env))[
                            claim.state
                        ],
                    )
                )

    @api.constrains("employee_id", "department_id")
    def _check_employee_department(self):
        for claim in self.sudo():
            if (
                claim.employee_id
                and claim.department_id
                and claim.employee_id.department_id != claim.department_id
            ):
                raise ValidationError(
                    _(
                        'The guilty employee "%(employee)s" does not work in the guilty department '
                        '"%(department)s".',
                        employee=claim.employee_id.name,
                        department=claim.department_id.name,
                    )
                )

    @api.depends("description", "reason_id")
    def _compute_subject(self):
        for claim in self:
            if claim.subject:
                continue
            lines = html2plaintext(claim.description or "").strip().splitlines()
            first = lines[0].strip() if lines else ""
            claim.subject = (
                textwrap.shorten(first, 80, placeholder="…")
                if first
                else claim.reason_id.name or False
            )

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for claim in self:
            claim.display_name = f"{claim.name} — {claim.subject}" if claim.subject else claim.name

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New"):
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = self.env["ir.sequence"].with_company(
                    company or self.env.company
                ).next_by_code("crm.claim") or _("New")
        claims = super().create(vals_list)
        claims._claim_notify(claims.user_id, claims.department_id)
        return claims

    def write(self, vals):
        reopened = self.browse()
        if vals.get("state") == "processing":
            reopened = self.filtered(lambda claim: claim.state in FINAL_STATES)
        old = {claim.id: (claim.user_id, claim.department_id) for claim in self}
        if "deadline" in vals:
            vals = {**vals, "overdue_activity_planned": False}
        result = super().write(vals)
        for claim in reopened:
            claim.message_post(body=_("The claim is reopened: it is processed again."))
        if "user_id" in vals or "department_id" in vals:
            for claim in self:
                old_user, old_department = old[claim.id]
                claim._claim_notify(
                    claim.user_id if claim.user_id != old_user else self.env["res.users"],
                    claim.department_id
                    if claim.department_id != old_department
                    else self.env["hr.department"],
                )
        return result

    # ------------------------------------------------------------------ notifications

    def _claim_notify(self, users, departments):
        """Subscribe and notify the responsible and the guilty department's manager."""
        for claim in self:
            partners = self.env["res.partner"]
            if claim.user_id in users:
                partners |= claim.user_id.partner_id
            if claim.department_id in departments:
                # who manages the department is HR data: read it whatever the user's HR rights
                manager = claim.department_id.sudo().manager_id
                partners |= (manager.user_id.partner_id or manager.work_contact_id).sudo(False)
            partners -= self.env.user.partner_id
            if not partners:
                continue
            claim.message_subscribe(partner_ids=partners.ids)
            claim.message_post(
                body=_(
                    "Claim %(claim)s from %(client)s needs your attention.",
                    claim=claim.name,
                    client=claim.partner_id.display_name,
                ),
                partner_ids=partners.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    def message_post(self, **kwargs):
        """Who may only read the claim (a participant, the guilty department's manager) adds
        internal notes: nothing he writes goes out to the client or the followers by email.

        The chatter posts as superuser on behalf of the user (mail's controller): the user's
        own rights decide, hence `sudo(False)`.
        """
        if (
            self
            and kwargs.get("message_type", "notification") == "comment"
            and not self.sudo(False).has_access("write")
        ):
            kwargs.pop("subtype_id", None)
            kwargs["subtype_xmlid"] = "mail.mt_note"
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------ actions

    def action_set_satisfied(self):
        self.write({"state": "satisfied"})

    def action_set_not_satisfied(self):
        self.write({"state": "not_satisfied"})

    def action_reopen(self):
        self.check_access("write")  # refused as such, even on a claim still open
        self.filtered(lambda claim: claim.state in FINAL_STATES).write({"state": "processing"})

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action"
        )
        action["domain"] = [("claim_id", "=", self.id)]
        action["context"] = {
            "default_claim_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_lead_id": self.lead_id.id,
        }
        return action

    @api.model
    def _action_new_claim(self, defaults):
        """The claim form, opened on a new claim with `defaults` pre-filled."""
        context = {
            f"default_{name}": value
            for name, value in defaults.items()
            if value not in (False, None, [], "")
        }
        return {
            "type": "ir.actions.act_window",
            "name": _("New Claim"),
            "res_model": "crm.claim",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.model
    def _action_view_claims(self, domain, defaults):
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_claim.crm_claim_action")
        action["domain"] = domain
        action["context"] = {f"default_{name}": value for name, value in defaults.items() if value}
        return action

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_plan_overdue_activities(self):
        """Plan once, for its responsible, an activity on each overdue claim (in committed
        batches; the claim's mark of the planned activity makes a rerun plan no other)."""
        today = fields.Date.context_today(self)

        def plan(claims):
            for claim in claims:
                claim.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._("Overdue claim: review it"),
                    note=self.env._("The deadline of claim %s has passed.", claim.name),
                    user_id=(claim.user_id or self.env.user).id,
                )
            claims.write({"overdue_activity_planned": True})

        self.env["ir.cron"]._crm_run_batches(
            "claim_overdue",
            self,
            [("is_overdue", "=", True), ("overdue_activity_planned", "=", False)],
            plan,
        )
