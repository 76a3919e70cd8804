{
    "name": "CRM Softphone (1C:CRM way)",
    "summary": "Every PBX call registered as an interaction, the caller recognised, "
    "a popup, click-to-dial, the call result never lost",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interaction", "bus"],
    "external_dependencies": {"python": ["phonenumbers", "panoramisk"]},
    "data": [
        "security/crm_softphone_security.xml",
        "security/ir.model.access.csv",
        "data/crm_softphone_data.xml",
        "views/crm_softphone_pbx_views.xml",
        "views/crm_softphone_result_views.xml",
        "views/crm_interaction_views.xml",
        "views/crm_softphone_report_views.xml",
        "views/res_partner_views.xml",
        "wizards/crm_interaction_wrap_up_views.xml",
        "views/crm_softphone_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_softphone/static/src/js/softphone_service.js",
            "crm_softphone/static/src/phone_field/phone_field_dial.js",
            "crm_softphone/static/src/phone_field/phone_field_dial.xml",
        ],
        "web.assets_tests": [
            "crm_softphone/static/tests/tours/crm_softphone_tour.js",
            "crm_softphone/static/tests/tours/crm_softphone_dial_tour.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
