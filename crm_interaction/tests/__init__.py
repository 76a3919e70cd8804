from . import (
    test_access,
    test_chain,
    test_channels,
    test_contact,
    test_control,
    test_privacy,
    test_ui,
)
