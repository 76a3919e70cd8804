from . import test_claim_indicators
