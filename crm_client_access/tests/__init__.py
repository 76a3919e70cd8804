from . import test_department_access, test_handover, test_handover_ui
