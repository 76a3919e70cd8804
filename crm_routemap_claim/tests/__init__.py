from . import test_routemap_claim, test_routemap_claim_screens, test_ui
