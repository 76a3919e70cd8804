from odoo import _, api, models
from odoo.exceptions import UserError


class ReportCompletionCertificateOrder(models.AbstractModel):
    """Completion certificate (Акт выполненных работ) of the service lines of an order."""

    _name = "report.crm_interest_document.report_certificate_order"
    _description = "Completion Certificate of an Order"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._certificate_model()].browse(docids)
        certificates = []
        for doc in docs:
            lines = doc._interest_certificate_lines()
            if not lines:
                raise UserError(
                    _(
                        "%s has no service line to certify: a completion certificate lists the "
                        "services rendered to the client.",
                        doc.display_name,
                    )
                )
            certificates.append(self._certificate_values(doc, lines))
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "data": data,
            "certificates": certificates,
        }

    @api.model
    def _certificate_model(self):
        return "sale.order"

    @api.model
    def _certificate_values(self, order, lines):
        return {
            "doc": order,
            "number": order.name,
            "date": order.date_order.date(),
            "customer": order.partner_id,
            "executor": order.company_id.partner_id,
            "manager": order.user_id,
            "currency": order.currency_id,
            "rows": [
                {
                    "name": line.name,
                    "quantity": line.product_uom_qty,
                    "uom": line.product_uom_id.name,
                    "price_unit": line.price_unit,
                    "subtotal": line.price_subtotal,
                }
                for line in lines
            ],
            "untaxed": sum(lines.mapped("price_subtotal")),
            "total": sum(lines.mapped("price_total")),
        }


class ReportCompletionCertificateInvoice(models.AbstractModel):
    """Completion certificate (Акт выполненных работ) of the service lines of an invoice."""

    _name = "report.crm_interest_document.report_certificate_invoice"
    _inherit = "report.crm_interest_document.report_certificate_order"
    _description = "Completion Certificate of an Invoice"

    @api.model
    def _certificate_model(self):
        return "account.move"

    @api.model
    def _certificate_values(self, move, lines):
        return {
            "doc": move,
            "number": move.name,
            "date": move.invoice_date or move.date,
            "customer": move.partner_id,
            "executor": move.company_id.partner_id,
            "manager": move.invoice_user_id,
            "currency": move.currency_id,
            "rows": [
                {
                    "name": line.name,
                    "quantity": line.quantity,
                    "uom": line.product_uom_id.name,
                    "price_unit": line.price_unit,
                    "subtotal": line.price_subtotal,
                }
                for line in lines
            ],
            "untaxed": sum(lines.mapped("price_subtotal")),
            "total": sum(lines.mapped("price_total")),
        }
