from . import crm_lead, crm_routemap
