{
    "name": "CRM Client Base: Claims (1C:CRM way)",
    "summary": "The client's indicators count his claims, open and in all",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_base", "crm_claim"],
    "data": ["views/crm_client_indicator_views.xml"],
    "auto_install": True,
    "installable": True,
    "application": False,
}
