"""Access matrix of crm_softphone_sale: no model of its own, no public method."""

MODELS = {}
METHODS = {}
