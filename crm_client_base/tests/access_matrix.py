"""Access matrix of crm_client_base (format: crm_interest/tests/access_matrix_common.py)."""

from odoo.addons.crm_interest.tests.access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # the dates of the salesman's client: his, his team leader's, the sales administrators'
    "crm.client.event": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
}

METHODS = {}


def make_records(env, users, records):
    event = env["crm.client.event"].create(
        {
            "name": "Matrix contract end",
            "partner_id": records["res.partner"].id,
            "date": "2030-01-15",
            "company_id": env.ref("base.main_company").id,
        }
    )
    return {"crm.client.event": event}


def create_values(env, users, model, records):
    if model == "crm.client.event":
        return {
            "name": "Matrix anniversary",
            "partner_id": records["res.partner"].id,
            "date": "2030-02-01",
            "company_id": env.ref("base.main_company").id,
        }
    return {}
