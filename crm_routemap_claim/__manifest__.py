{
    "name": "CRM Route Maps for Claims (1C:CRM way)",
    "summary": "Route maps that drive customer claims: tasks on the claim form, the map "
    "viewer, an end point closes the claim",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_routemap", "crm_claim"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_routemap_claim_security.xml",
        "views/crm_routemap_views.xml",
        "wizards/crm_routemap_start_views.xml",
        "views/crm_claim_views.xml",
    ],
    "demo": ["demo/crm_routemap_claim_demo.xml"],
    "assets": {
        "web.assets_tests": ["crm_routemap_claim/static/tests/tours/*.js"],
    },
    "installable": True,
    "auto_install": True,
    "application": False,
}
