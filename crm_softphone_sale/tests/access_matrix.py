"""Access matrix of crm_softphone_sale: no model of its own, no public method."""

MODELS = {}
METHODS = {}


def make_records(env, users, records):
    return {}


def create_values(env, users, model, records):
    return {}


def write_values(env, users, model, records):
    return {}
