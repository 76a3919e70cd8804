{
    "name": "CRM Interest Commercial Documents (1C:CRM way)",
    "summary": "Commercial offer, customer and supplier orders, invoices and completion "
    "certificates created from the interest and linked back to it",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interest", "sale_crm", "purchase", "account"],
    "data": [
        "report/commercial_offer_report.xml",
        "report/completion_certificate_report.xml",
        "data/mail_template_data.xml",
        "views/crm_lead_views.xml",
        "views/crm_interest_scenario_views.xml",
        "views/sale_order_views.xml",
        "views/purchase_order_views.xml",
        "views/account_move_views.xml",
    ],
    "demo": [
        "demo/product_supplierinfo_demo.xml",
        "demo/crm_lead_document_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_interest_document/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
