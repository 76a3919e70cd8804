from . import (
    crm_interest_checklist_item,
    crm_interest_checklist_line,
    crm_interest_demand_line,
    crm_interest_participant,
    crm_interest_scenario,
    crm_interest_stage_history,
    crm_interest_trigger,
    crm_lead,
    crm_lead_estimate,
    crm_lost_reason,
    crm_stage,
    crm_team,
)
