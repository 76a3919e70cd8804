"""Access matrix of crm_client_access_client_base: no model of its own, no public method."""

MODELS = {}
METHODS = {}
