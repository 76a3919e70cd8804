{
    "name": "CRM Claims (1C:CRM way)",
    "summary": "Customer claims with reasons, guilty department and employee, mandatory review "
    "results, reopening, overdue reminders and claim analysis",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interest", "crm_interaction", "hr", "sale_crm", "account"],
    "data": [
        "security/crm_claim_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_claim_security.xml",
        "data/crm_claim_data.xml",
        "views/crm_claim_reason_views.xml",
        "views/crm_claim_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/crm_interaction_views.xml",
        "views/crm_claim_menus.xml",
    ],
    "demo": [
        "demo/crm_claim_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_claim/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
