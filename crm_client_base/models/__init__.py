from . import crm_client_event, crm_lead, res_partner
from . import crm_client_class_settings, crm_client_indicator, crm_client_class_run
from . import res_partner_client_indicator
