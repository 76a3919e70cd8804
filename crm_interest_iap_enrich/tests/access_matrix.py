"""Access matrix of crm_interest_iap_enrich: no model of its own; Odoo's enrichment of leads,
which leaves interests alone, for everyone who could call it."""

MODELS = {}
METHODS = {
    # Odoo's own method (crm_iap_enrich): on interests it does nothing
    ("crm.lead", "iap_enrich"): "all",
}
