"""Access matrix of crm_routemap_interaction: no model of its own, no public method (the report
rows of route-map tasks follow the report's own rules in crm_interaction)."""

MODELS = {}
METHODS = {}


def make_records(env, users, records):
    return {}


def create_values(env, users, model, records):
    return {}


def write_values(env, users, model, records):
    return {}
