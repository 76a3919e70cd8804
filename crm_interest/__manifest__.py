{
    "name": "CRM Interests (1C:CRM way)",
    "summary": "Interests with scenarios, process kinds, primary demand, participants, "
    "checklists and the sales funnel",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm", "product", "base_automation"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_interest_security.xml",
        "data/crm_lost_reason_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_interest_trigger_views.xml",
        "views/crm_interest_scenario_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_team_views.xml",
        "views/crm_lost_reason_views.xml",
        "views/res_partner_views.xml",
        "wizards/crm_lead_lost_views.xml",
        "wizards/crm_lead_go_state_views.xml",
        "report/crm_interest_funnel_views.xml",
        "views/crm_interest_menus.xml",
    ],
    "demo": [
        "demo/crm_interest_scenario_demo.xml",
        "demo/crm_interest_trigger_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_interest/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_interest/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
