from . import (
    account_move,
    crm_claim,
    crm_claim_reason,
    crm_interaction,
    crm_lead,
    res_partner,
    sale_order,
)
