from . import crm_interest_funnel
