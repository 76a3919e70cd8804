from . import test_softphone_absence
