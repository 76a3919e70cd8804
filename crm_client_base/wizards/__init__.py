from . import crm_client_import
