from . import test_routemap_claim_access
