from . import test_calls, test_endpoint, test_ui
