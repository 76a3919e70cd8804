from . import crm_interaction, sale_order
