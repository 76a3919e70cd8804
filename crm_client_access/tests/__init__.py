from . import test_department_access, test_handover
