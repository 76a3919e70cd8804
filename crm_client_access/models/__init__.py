# the mixin first: the models below inherit it
from . import crm_access_reach  # noqa: I001
from . import (
    crm_access_absence,
    crm_access_log,
    crm_interaction,
    crm_lead,
    crm_team,
    mail_activity,
    res_company,
    res_config_settings,
    res_partner,
    res_users,
    res_users_handover,
)
