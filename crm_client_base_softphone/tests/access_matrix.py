"""Access matrix of crm_client_base_softphone: no model of its own, no public method (the
popup's key persons are read with the rights of the user who gets it)."""

MODELS = {}
METHODS = {}
