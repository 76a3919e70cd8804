from . import test_absence, test_department_access
