from . import test_department_access
