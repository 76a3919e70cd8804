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
    # the hand over is a sales administrator's wizard, his own (made by him here)
    "crm.access.handover": row("----", "----", "----", "rwcu", "----", "----", "----"),
    "crm.access.handover.team": row("----", "----", "----", "rwcu", "----", "----", "----"),
    "crm.access.handover.line": row("----", "----", "----", "rwcu", "----", "----", "----"),
    # Odoo's own models whose changes drop the reach kept for the transaction
    # (crm.access.reach.mixin): their rights are Odoo's (hr, sales_team), unchanged
    "hr.department": row("r---", "r---", "r---", "r---", "r---", "----", "----"),
    "hr.version": row("----", "----", "----", "----", "----", "----", "----"),
    "crm.team.member": row("r---", "r---", "r---", "rwcu", "r---", "----", "r---"),
}

ALL = "all"
METHODS = {
    ("crm.access.absence", "action_confirm"): ALL,
    ("crm.access.absence", "action_cancel"): ALL,
    ("crm.access.absence", "action_draft"): ALL,
    ("crm.access.handover", "action_preview"): ["sales_team.group_sale_manager"],
    ("crm.access.handover", "action_handover"): ["sales_team.group_sale_manager"],
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
    as_admin = env(
        user=users["sales_admin"], context=dict(env.context, allowed_company_ids=company.ids)
    )
    handover = as_admin["crm.access.handover"].create(
        {"from_user_id": users["salesman"].id, "mode": "team"}
    )
    handover.action_preview()
    department = env["hr.department"].create(
        {"name": "Matrix department", "company_id": company.id}
    )
    employee = env["hr.employee"].create(
        {"name": "Matrix employee", "company_id": company.id, "department_id": department.id}
    )
    return {
        "hr.department": department,
        "hr.version": employee.version_id,
        "crm.team.member": records["crm.team"].crm_team_member_ids[:1],
        "crm.access.handover": handover,
        "crm.access.handover.team": handover.team_line_ids,
        "crm.access.handover.line": handover.line_ids,
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
    if model == "crm.access.handover":
        return {"from_user_id": users["salesman"].id, "mode": "all"}
    if model in ("crm.access.handover.team", "crm.access.handover.line"):
        return {
            "wizard_id": records["crm.access.handover"].id,
            "target_user_id": users["team_leader"].id,
        }
    if model == "hr.department":
        return {"name": "Matrix new department", "company_id": env.ref("base.main_company").id}
    if model == "hr.version":
        return {
            "employee_id": records["hr.version"].employee_id.id,
            "date_version": "2030-09-01",
            "department_id": records["hr.department"].id,
        }
    if model == "crm.team.member":
        return {"crm_team_id": records["crm.team"].id, "user_id": users["claim_participant"].id}
    return None  # the log is written by the system only


def write_values(env, users, model, records):
    return {
        "crm.access.absence": {"reason": "Matrix business trip"},
        "crm.access.absence.line": {"kind": "sales"},
        "crm.access.handover": {"mode": "even"},
        "crm.access.handover.team": {"target_user_id": users["team_leader"].id},
        "crm.access.handover.line": {"target_user_id": users["team_leader"].id},
        "hr.department": {"name": "Matrix renamed department"},
        "hr.version": {"job_title": "Matrix job"},
        "crm.team.member": {"active": True},
    }.get(model)
