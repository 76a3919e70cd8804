from datetime import timedelta

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..models.crm_control_mixin import scope_domain
from ..pure import allocator

PREVIEW_SIZE = 80


class CrmControlTaskPlan(models.TransientModel):
    """Мастер для контроля: scan the client base, split what is found, create the tasks."""

    _name = "crm.control.task.plan"
    _inherit = ["crm.control.mixin"]
    _description = "Plan Control Tasks"

    partner_scope = fields.Selection(
        [("clients", "Clients"), ("contacts", "Contact Persons"), ("all", "Both")],
        string="Check",
        required=True,
        default="clients",
    )
    partner_domain = fields.Char("Filter", default="[]")
    distribution = fields.Selection(
        [
            ("responsible", "To each client's salesperson"),
            ("proportional", "Proportionally among users"),
        ],
        required=True,
        default="responsible",
    )
    group_id = fields.Many2one(
        "res.groups", string="Fill from Group", help="Add the users of this group."
    )
    user_ids = fields.Many2many("res.users", string="Users", domain="[('share', '=', False)]")
    default_user_id = fields.Many2one(
        "res.users",
        string="Others To",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who gets the clients without a salesperson (or the interactions registered "
        "automatically).",
    )
    date_deadline = fields.Date(
        "Due Date", required=True, default=lambda self: fields.Date.today() + timedelta(days=7)
    )
    control_date = fields.Date(default=lambda self: fields.Date.today() + timedelta(days=8))
    # what the scan found: filled when the user asks (action_scan), never on an onchange
    found_count = fields.Integer("Found", readonly=True)
    found_partner_ids = fields.Many2many(
        "res.partner", "crm_control_task_plan_found_partner_rel", readonly=True
    )
    found_interaction_ids = fields.Many2many(
        "crm.interaction", "crm_control_task_plan_found_interaction_rel", readonly=True
    )
    distribution_summary = fields.Html(readonly=True, sanitize=False)
    scanned = fields.Boolean(readonly=True)

    @api.onchange("group_id")
    def _onchange_group_id(self):
        if self.group_id:
            users = self.group_id.all_user_ids.filtered(lambda u: not u.share and u.active)
            self.user_ids |= users
            self.distribution = "proportional"

    @api.onchange(
        "control", "check_email", "check_phone", "check_address", "check_website", "check_tags",
        "property_field_ids", "partner_scope", "partner_domain", "distribution", "user_ids",
        "default_user_id",
    )  # fmt: skip
    def _onchange_settings_forget_scan(self):
        """Changed settings make the last scan stale: forget it (no search here)."""
        if self.scanned:
            self.update(
                {
                    "found_count": 0,
                    "found_partner_ids": False,
                    "found_interaction_ids": False,
                    "distribution_summary": False,
                    "scanned": False,
                }
            )

    def action_scan(self):
        """Scan the client base once, as asked: how many, the first ones, who gets what."""
        self.ensure_one()
        self._check_settings()
        try:
            domain = self._scan_domain()
        except (ValueError, SyntaxError, NameError) as error:
            raise UserError(_("The filter is not a valid domain: %s", error)) from error
        found = self.env[self._control_model()].search(domain)
        preview = found[:PREVIEW_SIZE]
        is_registration = self.control == "registration"
        self.write(
            {
                "found_count": len(found),
                "found_partner_ids": [Command.set([] if is_registration else preview.ids)],
                "found_interaction_ids": [Command.set(preview.ids if is_registration else [])],
                "distribution_summary": self._summary(found) if found else False,
                "scanned": True,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": _("Control Wizards"),
        }

    def _summary(self, found):
        try:
            shares = self._distribute(found)
        except UserError as error:
            return Markup("<p>%s</p>") % error.args[0]
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
            % (escape(user.display_name), len(ids))
            for user, ids in shares
        )
        head = Markup("<tr><th>%s</th><th class='text-end'>%s</th></tr>") % (
            _("Performer"),
            _("Count"),
        )
        return Markup("<table class='table table-sm'>%s%s</table>") % (head, rows)

    def _scan_domain(self):
        self.ensure_one()
        domain = self._control_missing_domain()
        if self.control == "registration":
            return domain & Domain("company_id", "in", self.env.companies.ids)
        companies = self.env["res.company"].sudo().search([]).partner_id
        return (
            domain
            & scope_domain(self.partner_scope, self.partner_domain)
            & Domain("id", "not in", companies.ids)
            & Domain("partner_share", "=", True)
        )

    def _distribute(self, found):
        """[(user, ids)] for the found records: set-based, no query per record."""
        self.ensure_one()
        if self.distribution == "proportional":
            users = self.user_ids.sorted("id")
            if not users:
                raise UserError(_("Choose the users to share the clients among."))
            slices = allocator.split(sorted(found.ids), [1] * len(users))
            return [(user, ids) for user, ids in zip(users, slices, strict=True) if ids]
        fallback = self.default_user_id or self.env.user
        if self.control == "registration":
            owner_field = "create_uid"
        else:
            owner_field = "user_id"
        groups = found.sudo()._read_group(
            [("id", "in", found.ids)], [owner_field], ["id:array_agg"]
        )
        shares = {}
        for owner, ids in groups:
            performer = owner if owner and not owner.share and owner.active else fallback
            if owner and owner._is_superuser():
                performer = fallback
            shares.setdefault(performer, []).extend(ids)
        return sorted(((u, sorted(i)) for u, i in shares.items()), key=lambda s: s[0].id)

    def action_confirm(self):
        """Create one control task per performer; each also shows in "My Activities"."""
        self.ensure_one()
        self._check_settings()
        found = self.env[self._control_model()].search(self._scan_domain())
        if not found:
            raise UserError(_("Nothing to fix: every record checked has the data."))
        field = "interaction_id" if self.control == "registration" else "partner_id"
        settings = {
            "control": self.control,
            "check_email": self.check_email,
            "check_phone": self.check_phone,
            "check_address": self.check_address,
            "check_website": self.check_website,
            "check_tags": self.check_tags,
            "property_field_ids": [fields.Command.set(self.property_field_ids.ids)],
            "date_deadline": self.date_deadline,
            "control_date": self.control_date,
        }
        tasks = self.env["crm.control.task"].create(
            [
                {
                    **settings,
                    "user_id": user.id,
                    "line_ids": [fields.Command.create({field: rid}) for rid in ids],
                }
                for user, ids in self._distribute(found)
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_control_task_action"
        )
        action["domain"] = [("id", "in", tasks.ids)]
        return action
