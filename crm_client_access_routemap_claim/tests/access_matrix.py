"""Access matrix of crm_client_access_routemap_claim: no model of its own, no public method.

The matrix's route-map records are an interest's: the rows of crm_client_access_routemap
hold (a claim's tasks follow the claims view, tested in test_routemap_claim_access)."""

MODELS = {}
METHODS = {}
