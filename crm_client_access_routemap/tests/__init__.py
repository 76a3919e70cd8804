from . import test_routemap_access, test_ui
