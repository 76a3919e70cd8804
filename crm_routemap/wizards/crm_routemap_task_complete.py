from odoo import fields, models


class CrmRoutemapTaskComplete(models.TransientModel):
    _name = "crm.routemap.task.complete"
    _description = "Complete a Route Map Task"

    task_id = fields.Many2one("crm.routemap.task", required=True, ondelete="cascade")
    point_id = fields.Many2one(related="task_id.point_id")
    kind = fields.Selection(related="task_id.kind")
    description = fields.Text(related="task_id.description")
    ask_result_text = fields.Boolean(related="task_id.ask_result_text")
    answer_id = fields.Many2one(
        "crm.routemap.arrow", string="Answer", domain="[('source_id', '=', point_id)]"
    )
    result_text = fields.Text(string="Result")
    user_id = fields.Many2one(
        "res.users",
        string="Give To",
        domain="[('share', '=', False)]",
        help="Re-assign the task to this user instead of completing it.",
    )

    def action_complete(self):
        self.ensure_one()
        self.task_id.action_complete(answer_id=self.answer_id.id, result_text=self.result_text)
        return {"type": "ir.actions.act_window_close"}

    def action_reassign(self):
        self.ensure_one()
        self.task_id.action_reassign(self.user_id.id)
        return {"type": "ir.actions.act_window_close"}
