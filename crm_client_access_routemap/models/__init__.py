from . import crm_access_handover, crm_routemap_task
