{
    "name": "CRM Client Access: Claims (1C:CRM way)",
    "summary": "Claims seen by the department tree; the claims deputy sees the absent "
    "user's claims",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_access", "crm_claim"],
    "data": ["security/crm_client_access_claim_security.xml"],
    "auto_install": True,
    "installable": True,
    "application": False,
}
