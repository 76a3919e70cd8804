{
    "name": "CRM Interactions (1C:CRM way)",
    "summary": "Interactions with clients (meetings, calls, SMS, emails, planned), chains, "
    "review, and control wizards for the client base",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interest", "calendar", "mail", "sms"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_interaction_security.xml",
        "data/crm_interaction_data.xml",
        "views/crm_interaction_views.xml",
        "views/crm_control_task_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/crm_interaction_create_contact_views.xml",
        "wizards/crm_control_task_plan_views.xml",
        "report/crm_interaction_interest_report_views.xml",
        "report/crm_control_discipline_report_views.xml",
        "views/crm_interaction_menus.xml",
    ],
    "demo": [
        "demo/crm_interaction_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_interaction/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
