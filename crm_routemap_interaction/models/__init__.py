from . import crm_control_discipline_report
