{
    "name": "CRM Client Base: Softphone (1C:CRM way)",
    "summary": "The incoming call's popup names the client's key persons and their role",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_client_base", "crm_softphone"],
    "data": [],
    "assets": {
        "web.assets_backend": [
            "crm_client_base_softphone/static/src/js/softphone_key_persons.js",
        ],
    },
    "auto_install": True,
    "installable": True,
    "application": False,
}
