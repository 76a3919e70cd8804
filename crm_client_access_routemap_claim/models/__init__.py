from . import crm_routemap_task
