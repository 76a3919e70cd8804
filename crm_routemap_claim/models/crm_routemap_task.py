from odoo import api, fields, models


class CrmRoutemapTask(models.Model):
    _inherit = "crm.routemap.task"

    claim_id = fields.Many2one(
        related="process_id.claim_id", store=True, string="Claim", index="btree_not_null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        processes = (
            self.env["crm.routemap.process"]
            .sudo()
            .browse({vals.get("process_id") for vals in vals_list})
        )
        claims = processes.claim_id
        if len(claims) == 1 and not self.env.context.get("routemap_claim_id"):
            self = self.with_context(routemap_claim_id=claims.id)
        return super().create(vals_list)

    def _routemap_sync_activity(self):
        """A claim's task sits in its performer's activities on the claim itself."""
        claim_tasks = self.filtered("claim_id")
        super(CrmRoutemapTask, self - claim_tasks)._routemap_sync_activity()
        if not claim_tasks:
            return
        activity_type = self.env.ref("crm_routemap.mail_activity_type_routemap_task")
        Activity = self.env["mail.activity"].sudo().with_context(routemap_engine=True)
        for task in claim_tasks:
            values = {
                "user_id": task.user_id.id,
                "date_deadline": fields.Date.to_date(
                    fields.Datetime.context_timestamp(task, task.date_deadline)
                )
                if task.date_deadline
                else fields.Date.context_today(task),
                "summary": task.point_id.name,
                "note": task.point_id.description or "",
            }
            if task.activity_id:
                task.activity_id.sudo().with_context(routemap_engine=True).write(values)
            else:
                task.sudo().activity_id = Activity.create(
                    {
                        **values,
                        "activity_type_id": activity_type.id,
                        "res_model_id": self.env["ir.model"]._get_id("crm.claim"),
                        "res_id": task.claim_id.id,
                        "routemap_task_id": task.id,
                    }
                )

    def _routemap_check_performer(self):
        """A claim manager completes and re-assigns every claim task, like a sales manager."""
        if self.env.user.has_group("crm_claim.group_crm_claim_manager"):
            self = self.filtered(lambda task: not task.claim_id)
        return super()._routemap_check_performer()
