"""Access matrix of crm_routemap_interaction: no model of its own, no public method (the report
rows of route-map tasks follow the report's own rules in crm_interaction)."""

MODELS = {}
METHODS = {}
