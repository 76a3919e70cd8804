"""Access matrix of crm_client_base (format: crm_interest/tests/access_matrix_common.py)."""

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {}

METHODS = {}


def make_records(env, users, records):
    return {}


def create_values(env, users, model, records):
    return {}
