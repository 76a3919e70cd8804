{
    "name": "CRM Interactions: Quotations",
    "summary": "Create a quotation from an interaction in one click",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interaction", "sale_crm"],
    "data": [
        "views/crm_interaction_views.xml",
        "views/sale_order_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
