from . import test_routemap_concurrency, test_routemap_process, test_routemap_rules, test_ui
