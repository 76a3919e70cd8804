from . import crm_interaction_wrap_up
