from . import crm_interaction
