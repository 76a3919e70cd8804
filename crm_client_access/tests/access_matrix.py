"""Access matrix of crm_client_access (format: crm_interest/tests/access_matrix_common.py)."""

from odoo.addons.crm_interest.tests.access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # an absence: the absent salesman's own, his team leader's (he sees his work), the sales
    # administrators'; nobody else names himself a deputy (checked in the model)
    "crm.access.absence": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    "crm.access.absence.line": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # the log is written by the system; read by whom it is about and the sales administrators
    "crm.access.log": row("r---", "----", "----", "r---", "----", "----", "----"),
}

ALL = "all"
METHODS = {
    ("crm.access.absence", "action_confirm"): ALL,
    ("crm.access.absence", "action_cancel"): ALL,
    ("crm.access.absence", "action_draft"): ALL,
}


def make_records(env, users, records):
    company = env.ref("base.main_company")
    absence = env["crm.access.absence"].create(
        {
            "user_id": users["salesman"].id,
            "date_from": "2030-07-01 06:00:00",
            "date_to": "2030-07-15 18:00:00",
            "reason": "Matrix vacation",
            "company_id": company.id,
            "line_ids": [(0, 0, {"kind": "all", "deputy_id": users["sales_admin"].id})],
        }
    )
    log = env["crm.access.log"].create(
        {
            "kind": "confirm",
            "user_id": users["salesman"].id,
            "absence_id": absence.id,
            "company_id": company.id,
        }
    )
    return {
        "crm.access.absence": absence,
        "crm.access.absence.line": absence.line_ids,
        "crm.access.log": log,
    }


def create_values(env, users, model, records):
    if model == "crm.access.absence":
        return {
            "user_id": users["salesman"].id,
            "date_from": "2030-08-01 06:00:00",
            "date_to": "2030-08-02 18:00:00",
            "company_id": env.ref("base.main_company").id,
        }
    if model == "crm.access.absence.line":
        return {
            "absence_id": records["crm.access.absence"].id,
            "kind": "calls",
            "deputy_id": users["team_leader"].id,
        }
    return None  # the log is written by the system only


def write_values(env, users, model, records):
    return {
        "crm.access.absence": {"reason": "Matrix business trip"},
        "crm.access.absence.line": {"kind": "sales"},
    }.get(model)
