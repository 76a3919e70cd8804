{
    "name": "CRM Client Access: Claim Route Maps (1C:CRM way)",
    "summary": "A claim's route-map tasks follow the claims view: the deputy for claims sees "
    "and completes the absent user's claim tasks, the deputy for sales does not",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_access_routemap", "crm_client_access_claim", "crm_routemap_claim"],
    "data": ["security/crm_client_access_routemap_claim_security.xml"],
    "auto_install": True,
    "installable": True,
    "application": False,
}
