from . import test_routemap_claim, test_ui
