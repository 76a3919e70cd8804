"""Access matrix of crm_client_access_softphone: no model of its own, no public method."""

MODELS = {}
METHODS = {}
