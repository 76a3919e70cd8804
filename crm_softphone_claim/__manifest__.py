{
    "name": "CRM Softphone: Claims (1C:CRM way)",
    "summary": "The incoming call popup shows the client's open claims and registers a claim "
    "from the call",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_softphone", "crm_claim"],
    "data": ["views/crm_interaction_views.xml"],
    "auto_install": True,
    "installable": True,
    "application": False,
}
