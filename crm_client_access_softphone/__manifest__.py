{
    "name": "CRM Client Access: Softphone (1C:CRM way)",
    "summary": "While a user is absent his deputy for calls gets his incoming calls' popup "
    "and his new calls",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_access", "crm_softphone"],
    "data": [],
    "auto_install": True,
    "installable": True,
    "application": False,
}
