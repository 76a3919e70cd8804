{
    "name": "CRM Client Access: Route Maps (1C:CRM way)",
    "summary": "Route-map processes and tasks seen by the department tree; a deputy sees and "
    "completes the absent user's tasks and takes his new ones",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_access", "crm_routemap"],
    "data": ["security/crm_client_access_routemap_security.xml"],
    "assets": {
        "web.assets_tests": ["crm_client_access_routemap/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
    "application": False,
}
