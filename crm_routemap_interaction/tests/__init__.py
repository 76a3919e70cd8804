from . import test_discipline_report
