from . import (
    crm_interaction,
    crm_lead,
    crm_softphone_dial,
    crm_softphone_extension,
    crm_softphone_pbx,
    crm_softphone_result,
    ir_http,
    res_partner,
)
