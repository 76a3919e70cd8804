from . import (
    abstract_translatable,
    crm_interest_scenario,
    crm_interest_trigger,
    crm_lead,
    crm_routemap,
    crm_routemap_arrow,
    crm_routemap_point,
    crm_routemap_process,
    crm_routemap_task,
    mail_activity,
    res_users,
)
