from . import (
    test_routemap_concurrency,
    test_routemap_condition_security,
    test_routemap_consultant,
    test_routemap_demo,
    test_routemap_process,
    test_routemap_rules,
    test_routemap_screens,
    test_routemap_trigger,
    test_ui,
)
