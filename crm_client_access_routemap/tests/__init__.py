from . import test_routemap_access
