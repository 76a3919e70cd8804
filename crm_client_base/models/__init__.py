from . import crm_client_event, crm_lead, res_partner
