from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmInterestChecklistLine(models.Model):
    _name = "crm.interest.checklist.line"
    _description = "Interest Checklist Line"
    _order = "stage_sequence, sequence, id"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    item_id = fields.Many2one("crm.interest.checklist.item", required=True, ondelete="cascade")
    name = fields.Char(related="item_id.name")
    sequence = fields.Integer(related="item_id.sequence")
    required = fields.Boolean(related="item_id.required")
    stage_id = fields.Many2one(related="item_id.stage_id", string="State", store=True)
    stage_sequence = fields.Integer(
        related="stage_id.sequence", store=True, string="State Sequence"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    auto_check = fields.Selection(related="item_id.auto_check")
    done = fields.Boolean(compute="_compute_done", store=True, readonly=False)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True)
    done_date = fields.Datetime(readonly=True)

    _lead_item_unique = models.Constraint(
        "UNIQUE(lead_id, item_id)", "Each checklist item appears once on an interest."
    )

    @api.depends(
        "item_id.auto_check",
        "lead_id.demand_line_ids",
        "lead_id.partner_id",
        "lead_id.expected_revenue",
    )
    def _compute_done(self):
        for line in self:
            if line.auto_check:
                line.done = line.lead_id._interest_checklist_answer(line.auto_check)
            else:
                line.done = line.done

    def write(self, vals):
        if "done" in vals:
            answered = self.filtered("auto_check")
            if answered:
                raise UserError(
                    _(
                        '"%s" is answered by the interest\'s data: it ticks itself when the '
                        "data is there, it is not ticked by hand.",
                        answered[0].name,
                    )
                )
            vals = dict(
                vals,
                done_user_id=self.env.uid if vals["done"] else False,
                done_date=fields.Datetime.now() if vals["done"] else False,
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("done"):
                vals.update(done_user_id=self.env.uid, done_date=fields.Datetime.now())
        return super().create(vals_list)
