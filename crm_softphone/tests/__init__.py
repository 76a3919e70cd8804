from . import test_calls, test_dial, test_endpoint, test_ui
