from . import test_claim_access
