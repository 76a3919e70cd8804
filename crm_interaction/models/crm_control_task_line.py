from odoo import api, fields, models
from odoo.tools import ormcache

from .crm_control_mixin import PROPERTY_FIELD_TYPES_EXCLUDED

# what the contact, full-name and tag controls read on a partner
CHECKED_PARTNER_FIELDS = (
    "email",
    "phone",
    "street",
    "city",
    "website",
    "category_id",
    "name",
    "surname",
    "first_name",
    "patronymic",
    "is_company",
)

# partner fields written by Odoo itself, never filled in by a salesman: no control checks them
SYSTEM_PARTNER_FIELDS = (
    "id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "display_name",
    "complete_name",
    "commercial_partner_id",
    "commercial_company_name",
    "parent_path",
    "partner_share",
    "signup_type",
    "message_main_attachment_id",
    "message_bounce",
    "calendar_last_notif_ack",
    "email_normalized",
    "phone_sanitized",
)


class CrmControlTaskLine(models.Model):
    _name = "crm.control.task.line"
    _description = "Control Task Row"
    _order = "done, id"

    task_id = fields.Many2one("crm.control.task", required=True, index=True, ondelete="cascade")
    # precomputed: written by the INSERT itself, not by an UPDATE of every row after it
    user_id = fields.Many2one(
        related="task_id.user_id", string="Performer", store=True, precompute=True
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True, precompute=True)
    partner_id = fields.Many2one("res.partner", string="Client", index="btree_not_null")
    interaction_id = fields.Many2one("crm.interaction", index="btree_not_null", ondelete="cascade")
    phone = fields.Char(compute="_compute_contact_data")
    email = fields.Char(compute="_compute_contact_data")
    done = fields.Boolean(readonly=True, help="The missing data has been filled.")

    @api.depends("partner_id.phone", "partner_id.email", "interaction_id.phone")
    def _compute_contact_data(self):
        for line in self:
            line.phone = line.partner_id.phone or line.interaction_id.phone
            line.email = line.partner_id.email or line.interaction_id.email

    @api.depends("partner_id", "interaction_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (line.partner_id or line.interaction_id).display_name

    def _refresh(self):
        """Rows turn done as soon as their client's data is filled: one search per task."""
        lines = self.sudo().filtered(lambda line: not line.done)
        for task in lines.task_id:
            task_lines = lines.filtered(lambda line, task=task: line.task_id == task)
            fixed = task_lines - task._missing_among(task_lines)
            fixed.write({"done": True})
        lines.task_id.filtered(lambda t: t.state == "done")._close_activities()

    @api.model
    @ormcache()
    def _checked_partner_fields(self):
        """Partner fields some control can check (the fixed ones, and every field a
        properties control may be given): writing others needs no refresh.

        Depends on the registry only (its fields), never on the tasks: creating or changing a
        control task clears no cache.
        """
        Partner = self.env["res.partner"]
        return frozenset(CHECKED_PARTNER_FIELDS) | frozenset(
            name
            for name, field in Partner._fields.items()
            if field.store
            and field.type not in PROPERTY_FIELD_TYPES_EXCLUDED
            and name not in SYSTEM_PARTNER_FIELDS
        )

    @api.model
    def _refresh_partners(self, partners):
        if partners:
            self.sudo().search(
                [("partner_id", "in", partners.ids), ("done", "=", False)]
            )._refresh()

    @api.model
    def _refresh_interactions(self, interactions):
        if interactions:
            self.sudo().search(
                [("interaction_id", "in", interactions.ids), ("done", "=", False)]
            )._refresh()

    def action_open(self):
        self.ensure_one()
        record = self.partner_id or self.interaction_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
