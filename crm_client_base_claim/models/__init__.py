from . import crm_client_indicator
