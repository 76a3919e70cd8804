from . import test_enrich
