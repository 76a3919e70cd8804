from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        self._interest_check_link([vals.get("opportunity_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("opportunity_id"):
            self._interest_check_link([vals["opportunity_id"]])
        return super().write(vals)

    @api.model
    def _interest_check_link(self, lead_ids):
        """Only a user who may change an interest links documents to it."""
        leads = self.env["crm.lead"].browse({lead_id for lead_id in lead_ids if lead_id})
        if leads and not self.env.su:
            leads.check_access("write")

    @api.constrains("opportunity_id", "partner_id", "company_id")
    def _check_interest_document(self):
        for order in self.filtered("opportunity_id"):
            reason = order.opportunity_id.sudo()._interest_document_refusal(
                _("Order %s", order.name), order.company_id, order.partner_id
            )
            if reason:
                raise ValidationError(reason)

    def action_confirm(self):
        already_ordered = {
            order.id: bool(
                order.opportunity_id.order_ids.filtered(
                    lambda other, order=order: other.state == "sale" and other != order
                )
            )
            for order in self
        }
        result = super().action_confirm()
        for order in self:
            lead = order.opportunity_id.sudo()
            if (
                lead.scenario_id.won_on_first_order
                and lead.active
                and lead.won_status == "pending"
                and not already_ordered[order.id]
            ):
                order._interest_mark_won(lead)
        return result

    def _interest_mark_won(self, lead):
        """Mark `lead` won for this confirmed order; when its scenario's rules refuse
        (checklist not done, route-map control...), keep the order and say why on the lead."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                lead.action_set_won()
        except UserError as error:
            lead.message_post(
                body=_(
                    'Order %(order)s is confirmed, but interest "%(interest)s" could not be '
                    "marked won: %(reason)s",
                    order=self.name,
                    interest=lead.name,
                    reason=error.args[0],
                )
            )
        else:
            lead.message_post(
                body=_("Marked won: its first customer order %s is confirmed.", self.name)
            )

    def action_interest_send_offer(self):
        """Open the email composer with the commercial offer template and PDF."""
        self.ensure_one()
        action = self.action_quotation_send()
        template = self.env.ref(
            "crm_interest_document.mail_template_commercial_offer", raise_if_not_found=False
        )
        if template and action.get("res_model") == "mail.compose.message":
            action["context"] = {
                **action["context"],
                "default_template_id": template.id,
                "mark_so_as_sent": True,
            }
        return action

    def _interest_certificate_lines(self):
        """Order lines of services: the content of a completion certificate."""
        return self.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type == "service"
        )
