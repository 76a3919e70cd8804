from . import crm_access_handover
