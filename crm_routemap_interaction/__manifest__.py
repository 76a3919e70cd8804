{
    "name": "CRM Route Maps in the Executive Discipline Report (1C:CRM way)",
    "summary": "Route-map tasks count in the executive discipline report: on time, late, "
    "overdue per performer",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM 1C-way contributors",
    "website": "https://github.com/crm-1c-way/crm-1c-way",
    "depends": ["crm_routemap", "crm_interaction"],
    "data": ["views/crm_control_discipline_report_views.xml"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
