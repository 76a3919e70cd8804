from . import test_popup_key_persons
