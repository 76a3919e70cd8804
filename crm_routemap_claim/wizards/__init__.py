from . import crm_routemap_start
