"""Access matrix of crm_client_access (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interaction.tests import access_matrix as interaction_matrix
from odoo.addons.crm_interest.tests.access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # the company's client visibility ("own team" by default): the salesman's client is his
    # and his team leader's, no longer every salesman's (crm_interaction's row otherwise)
    "res.partner": row("rwc-", "----", "rwc-", "rwc-", "r---", "----", "----"),
    # the salesman's absence (draft, in the future; his team leader deputises): the absent
    # user, whoever sees his work and the sales administrators record and change it
    "crm.access.absence": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    "crm.access.absence.line": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # the log is written by the system: read by whom it is about, and the administrators
    "crm.access.log": row("r---", "----", "r---", "r---", "----", "----", "----"),
}

SALESMEN = ["sales_team.group_sale_salesman"]
METHODS = {
    ("crm.access.absence", "action_confirm"): SALESMEN,
    ("crm.access.absence", "action_cancel"): SALESMEN,
    ("crm.access.absence", "action_draft"): SALESMEN,
}


def make_records(env, users, records):
    company = env.ref("base.main_company")
    absence = env["crm.access.absence"].create(
        {
            "user_id": users["salesman"].id,
            "date_from": "2030-02-01 08:00:00",
            "date_to": "2030-02-10 18:00:00",
            "company_id": company.id,
            "line_ids": [(0, 0, {"deputy_id": users["team_leader"].id, "kind": "all"})],
        }
    )
    log = env["crm.access.log"].create(
        {
            "kind": "redirect",
            "user_id": users["salesman"].id,
            "target_user_id": users["team_leader"].id,
            "work_kind": "sales",
            "company_id": company.id,
        }
    )
    return {
        "crm.access.absence": absence,
        "crm.access.absence.line": absence.line_ids,
        "crm.access.log": log,
    }


def create_values(env, users, model, records):
    if model == "res.partner":  # crm_interaction's row, visibility changed
        return interaction_matrix.create_values(env, users, model, records)
    if model == "crm.access.log":
        return None  # written by the system only
    if model == "crm.access.absence.line":
        # another salesman naming himself deputy: refused to him
        return {
            "absence_id": records["crm.access.absence"].id,
            "deputy_id": users["other_salesman"].id,
            "kind": "calls",
        }
    return {
        "crm.access.absence": {
            "user_id": users["salesman"].id,
            "date_from": "2030-03-01 08:00:00",
            "date_to": "2030-03-02 18:00:00",
            "company_id": env.ref("base.main_company").id,
            "line_ids": [(0, 0, {"deputy_id": users["team_leader"].id, "kind": "sales"})],
        },
    }[model]


def write_values(env, users, model, records):
    if model == "res.partner":
        return interaction_matrix.write_values(env, users, model, records)
    return {
        "crm.access.absence": {"reason": "Matrix vacation"},
        "crm.access.absence.line": {"kind": "sales"},
        "crm.access.log": None,
    }[model]
