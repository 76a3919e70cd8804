"""Access matrix of crm_softphone_claim: no model of its own, no public method."""

MODELS = {}
METHODS = {}
