from . import (
    test_classes,
    test_client_events,
    test_demo,
    test_import,
    test_indicators,
    test_indicators_rpc,
    test_partner_card,
    test_portrait,
    test_status,
    test_ui,
)
