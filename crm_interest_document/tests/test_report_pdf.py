from odoo.tests import HttpCase, tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestCommercialOfferPdf(DocumentCase, HttpCase):
    """The PDF itself, through wkhtmltopdf (which fetches the report assets over HTTP)."""

    def test_commercial_offer_pdf(self):
        order = self._quotation()
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("crm_interest_document.action_report_commercial_offer", order.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
