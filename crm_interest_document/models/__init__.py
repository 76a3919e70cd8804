from . import (
    account_move,
    crm_interest_checklist_item,
    crm_interest_checklist_line,
    crm_interest_scenario,
    crm_lead,
    purchase_order,
    sale_order,
)
