"""Access matrix of crm_client_base_claim: no model of its own, no public method."""

MODELS = {}
METHODS = {}
