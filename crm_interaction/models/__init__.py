from . import (
    calendar_event,
    crm_control_mixin,
    crm_control_task,
    crm_control_task_line,
    crm_interaction,
    crm_lead,
    mail_message,
    res_company,
    res_config_settings,
    res_partner,
)
