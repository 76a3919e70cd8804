from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
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
    found_count = fields.Integer("Found", compute="_compute_found")
    found_partner_ids = fields.Many2many("res.partner", compute="_compute_found")
    found_interaction_ids = fields.Many2many("crm.interaction", compute="_compute_found")
    distribution_summary = fields.Html(compute="_compute_found")

    @api.onchange("group_id")
    def _onchange_group_id(self):
        if self.group_id:
            users = self.group_id.all_user_ids.filtered(lambda u: not u.share and u.active)
            self.user_ids |= users
            self.distribution = "proportional"

    @api.depends(
        "control", "check_email", "check_phone", "check_address", "check_website", "check_tags",
        "property_field_ids", "partner_scope", "partner_domain", "distribution", "user_ids",
        "default_user_id",
    )  # fmt: skip
    def _compute_found(self):
        for wizard in self:
            try:
                wizard._check_settings()
                domain = wizard._scan_domain()
            except (ValueError, SyntaxError, NameError):
                domain = None  # a filter being typed
            except UserError as error:
                if isinstance(error, AccessError):
                    raise
                domain = None  # settings not complete yet
            model = self.env[wizard._control_model()]
            found = model.search(domain) if domain is not None else model.browse()
            wizard.found_count = len(found)
            is_registration = wizard.control == "registration"
            preview = found[:PREVIEW_SIZE]
            wizard.found_partner_ids = preview if not is_registration else False
            wizard.found_interaction_ids = preview if is_registration else False
            wizard.distribution_summary = wizard._summary(found) if found else False

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
