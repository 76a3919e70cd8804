from . import (
    test_absence,
    test_access_rpc,
    test_department_access,
    test_handover,
    test_handover_ui,
    test_ui,
)
