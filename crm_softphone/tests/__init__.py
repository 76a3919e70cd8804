from . import (
    test_agent,
    test_calls,
    test_dial,
    test_dial_format,
    test_endpoint,
    test_evidence,
    test_order,
    test_ui,
    test_ui_dial,
)
