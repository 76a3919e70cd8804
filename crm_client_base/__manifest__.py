{
    "name": "CRM Client Base (1C:CRM way)",
    "summary": "The client base a sales director steers by: company numbers checked, no "
    "duplicates, card history, key persons, indicators and ABC/XYZ classes from invoices",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interaction", "sale", "phone_validation"],
    "external_dependencies": {"python": ["stdnum"]},
    "data": [
        "security/ir.model.access.csv",
        "security/crm_client_base_security.xml",
        "data/crm_client_event_data.xml",
        "views/crm_client_event_views.xml",
        "views/res_partner_views.xml",
        "views/crm_client_base_menus.xml",
    ],
    "installable": True,
    "application": False,
}
