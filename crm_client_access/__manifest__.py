{
    "name": "CRM Client Access (1C:CRM way)",
    "summary": "Who sees which client: access by the department tree, absence deputies, "
    "handing a leaver's work over",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interaction", "hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_client_access_security.xml",
        "security/crm_access_handover_security.xml",
        "data/ir_cron_data.xml",
        "views/crm_access_absence_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_client_access_menus.xml",
        "wizards/crm_access_handover_views.xml",
    ],
    "demo": ["demo/crm_client_access_demo.xml"],
    "assets": {
        "web.assets_tests": ["crm_client_access/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
