{
    "name": "CRM Interest: No Lead Enrichment (1C:CRM way)",
    "summary": "Interests offer no Enrich button and are never sent to Odoo's lead enrichment "
    "service",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_interest", "crm_iap_enrich"],
    "data": [],
    "auto_install": True,
    "installable": True,
    "application": False,
}
