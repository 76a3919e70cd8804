from . import (
    test_access,
    test_idle,
    test_invoice,
    test_purchase,
    test_quotation,
    test_report_pdf,
    test_ui,
)
