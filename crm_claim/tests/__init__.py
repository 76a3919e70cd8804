from . import (
    test_access,
    test_claim_analysis,
    test_claim_create,
    test_claim_notify,
    test_claim_state,
    test_russian_screens,
    test_ui,
)
