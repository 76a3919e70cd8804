from . import crm_control_task_plan, crm_interaction_create_contact
