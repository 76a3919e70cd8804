from . import (
    crm_claim,
    crm_claim_routemap_ui,
    crm_routemap,
    crm_routemap_point,
    crm_routemap_process,
    crm_routemap_task,
)
