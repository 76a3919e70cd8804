from . import crm_lead_go_state, crm_lead_lost
