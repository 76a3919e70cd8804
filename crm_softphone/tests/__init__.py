from . import test_agent, test_calls, test_dial, test_endpoint, test_evidence, test_order, test_ui
