from . import account_move, crm_interest_scenario, crm_lead, purchase_order, sale_order
