# the mixin first: the models below inherit it
from . import crm_claim_source  # isort: skip
from . import (
    account_move,
    crm_claim,
    crm_claim_reason,
    crm_interaction,
    crm_lead,
    res_partner,
    sale_order,
)
