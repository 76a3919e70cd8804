from . import (
    test_access,
    test_access_matrix,
    test_estimate,
    test_funnel,
    test_interest_data,
    test_interest_process,
    test_names,
    test_replica,
    test_trigger,
    test_ui,
)
