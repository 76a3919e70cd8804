{
    "name": "CRM Route Maps (1C:CRM way)",
    "summary": "Business-process route maps drawn in the browser (BPMN 2.0) that drive interests "
    "with tasks, deadlines and states",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interest", "mail", "resource"],
    "external_dependencies": {"python": ["SpiffWorkflow"]},
    "data": [
        "security/crm_routemap_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "views/crm_routemap_views.xml",
        "views/crm_routemap_process_views.xml",
        "views/crm_routemap_task_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_interest_trigger_views.xml",
        "wizards/crm_routemap_import_views.xml",
        "wizards/crm_routemap_task_complete_views.xml",
        "wizards/crm_routemap_process_terminate_views.xml",
        "wizards/crm_routemap_start_views.xml",
        "views/crm_routemap_menus.xml",
    ],
    "demo": ["demo/crm_routemap_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "crm_routemap/static/src/components/**/*",
        ],
        "web.assets_tests": [
            "crm_routemap/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
