from . import (
    crm_client_class_run,
    crm_client_class_settings,
    crm_client_event,
    crm_client_indicator,
    crm_client_portrait,
    crm_client_quality,
    crm_client_status,
    crm_control_task_plan,
    crm_lead,
    res_partner,
    res_partner_client_indicator,
    res_partner_portrait,
)
