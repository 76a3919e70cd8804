{
    "name": "CRM Client Access: Client Base (1C:CRM way)",
    "summary": "The client base's figures, dates and statuses follow the company's client "
    "visibility: a head sees those of his department's clients",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_access", "crm_client_base"],
    "data": [
        "security/crm_client_access_client_base_security.xml",
        "views/res_config_settings_views.xml",
    ],
    "auto_install": True,
    "installable": True,
    "application": False,
}
