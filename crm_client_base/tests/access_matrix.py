"""Access matrix of crm_client_base (format: crm_interest/tests/access_matrix_common.py)."""

import base64

from odoo.addons.crm_interest.tests.access_matrix_common import row

TEMPLATE = b"name;inn\nMatrix Import Client;\n"

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # the dates of the salesman's client: his, his team leader's, the sales administrators'
    "crm.client.event": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # the client portrait is the consultant's (a sales administrator), read by the salesmen
    "crm.client.portrait.line": row("r---", "r---", "r---", "rwcu", "----", "----", "----"),
    "crm.client.portrait.value": row("r---", "r---", "r---", "rwcu", "----", "----", "----"),
    # the import wizard is its user's own (Odoo's transient records); its report rows are
    # written by the import alone
    "crm.client.import": row("rwc-", "--c-", "--c-", "--c-", "----", "----", "--c-"),
    "crm.client.import.line": row("r---", "----", "----", "----", "----", "----", "----"),
    # the quality of the base: the salesman's own row, his team leader's, the managers';
    # written by the measure alone
    "crm.client.quality": row("r---", "----", "r---", "r---", "----", "----", "----"),
    # work statuses and their rules are the consultant's; the history is read like the client
    "crm.client.status": row("r---", "r---", "r---", "rwcu", "----", "----", "r---"),
    "crm.client.status.rule": row("r---", "r---", "r---", "rwcu", "----", "----", "----"),
    "crm.client.status.history": row("r---", "----", "r---", "r---", "----", "----", "----"),
}

METHODS = {
    ("crm.client.quality", "action_measure_now"): ["sales_team.group_sale_manager"],
    ("crm.client.status.rule", "action_apply_now"): ["sales_team.group_sale_manager"],
    ("crm.client.import", "action_import"): "all",
    ("crm.client.import", "action_download_template"): "all",
}


def make_records(env, users, records):
    event = env["crm.client.event"].create(
        {
            "name": "Matrix contract end",
            "partner_id": records["res.partner"].id,
            "date": "2030-01-15",
            "company_id": env.ref("base.main_company").id,
        }
    )
    field = env["ir.model.fields"]._get("res.partner", "ref")  # not in the demo portrait
    line = env["crm.client.portrait.line"].create(
        {"field_id": field.id, "value_ids": [(0, 0, {"value": "Matrix industry", "points": 2})]}
    )
    quality = env["crm.client.quality"].create(
        {
            "month": "2030-01-01",
            "company_id": env.ref("base.main_company").id,
            "user_id": users["salesman"].id,
            "clients": 10,
        }
    )
    company = env.ref("base.main_company")
    as_salesman = env(
        user=users["salesman"], context=dict(env.context, allowed_company_ids=company.ids)
    )
    wizard = as_salesman["crm.client.import"].create({"file": base64.b64encode(TEMPLATE)})
    wizard.action_import()
    return {
        "crm.client.event": event,
        "crm.client.portrait.line": line,
        "crm.client.portrait.value": line.value_ids,
        "crm.client.quality": quality,
        "crm.client.import": wizard,
        "crm.client.import.line": wizard.line_ids,
        **status_records(env, users, records),
        **class_records(env, users, records),
    }


def create_values(env, users, model, records):
    if model in CLASS_MODELS:
        return class_create_values(env, users, model, records)
    if model == "crm.client.event":
        return {
            "name": "Matrix anniversary",
            "partner_id": records["res.partner"].id,
            "date": "2030-02-01",
            "company_id": env.ref("base.main_company").id,
        }
    if model == "crm.client.import":
        return {"file": base64.b64encode(TEMPLATE).decode(), "filename": "clients.csv"}
    if model == "crm.client.import.line":
        return {"import_id": records["crm.client.import"].id, "row": 9, "name": "Forged"}
    if model == "crm.client.status":
        return {"name": "Matrix status 2"}
    if model == "crm.client.status.rule":
        return {"name": "Matrix rule 2", "status_id": records["crm.client.status"].id,
                "company_id": env.ref("base.main_company").id}  # fmt: skip
    if model == "crm.client.status.history":
        return {"partner_id": records["res.partner"].id, "status_id": records["crm.client.status"].id,
                "company_id": env.ref("base.main_company").id}  # fmt: skip
    if model == "crm.client.portrait.line":
        return {"field_id": env["ir.model.fields"]._get("res.partner", "website").id}
    if model == "crm.client.portrait.value":
        return {"line_id": records["crm.client.portrait.line"].id, "value": "Another", "points": 1}
    return {
        "month": "2030-02-01",
        "company_id": env.ref("base.main_company").id,
        "user_id": users["other_salesman"].id,
    }


def write_values(env, users, model, records):
    if model in CLASS_MODELS:
        return class_write_values(env, users, model, records)
    return {
        "crm.client.event": {"remind_days": 5},
        "crm.client.portrait.line": {"weight": 3},
        "crm.client.portrait.value": {"points": 4},
        "crm.client.quality": {"clients": 11},
        "crm.client.import": {"filename": "other.csv"},
        "crm.client.status": {"name": "Matrix status renamed"},
        "crm.client.status.rule": {"silent_days": 30},
    }.get(model)  # the import's report rows are written by the import alone


# ---- indicators and classes (issue 23) ----------------------------------------------------
# the figures are read by the client's salesman, his team leader and the sales
# administrators, written by nobody (SQL refresh and classification runs); the settings
# (one per company, made by the module) and the runs are the sales administrators'
CLASS_MODELS = {
    "crm.client.class.settings": row("r---", "r---", "r---", "rw--", "----", "----", "----"),
    "crm.client.indicator": row("r---", "----", "r---", "r---", "----", "----", "----"),
    "crm.client.class.run": row("r---", "r---", "r---", "rwcu", "----", "----", "----"),
    "crm.client.class.line": row("r---", "----", "r---", "r---", "----", "----", "----"),
}
MODELS.update(CLASS_MODELS)

CONSULTANT = ["sales_team.group_sale_manager"]
METHODS.update(
    {
        ("crm.client.class.settings", "action_refresh_indicators"): CONSULTANT,
        ("crm.client.class.settings", "action_classify"): CONSULTANT,
        ("crm.client.class.run", "action_classify"): CONSULTANT,
        ("crm.client.class.run", "action_view_lines"): "all",
        ("res.partner", "action_view_client_classes"): "all",
    }
)


def class_records(env, users, records):
    company = env.ref("base.main_company")
    settings = env["crm.client.class.settings"]._for_company(company)
    indicator = env["crm.client.indicator"].create(
        {"partner_id": records["res.partner"].id, "company_id": company.id, "turnover": 100}
    )
    run = env["crm.client.class.run"].create(
        {"company_id": company.id, "date_from": "2026-01-01", "date_to": "2026-03-31"}
    )
    line = env["crm.client.class.line"].create(
        {
            "run_id": run.id,
            "company_id": company.id,
            "partner_id": records["res.partner"].id,
            "abc_turnover": "A",
            "xyz": "X",
        }
    )
    return {
        "crm.client.class.settings": settings,
        "crm.client.indicator": indicator,
        "crm.client.class.run": run,
        "crm.client.class.line": line,
    }


def class_create_values(env, users, model, records):
    if model == "crm.client.class.run":
        return {
            "company_id": env.ref("base.main_company").id,
            "date_from": "2026-04-01",
            "date_to": "2026-06-30",
        }
    return None  # made by the module only


def class_write_values(env, users, model, records):
    return {
        "crm.client.class.settings": {"abc_a": 75.0},
        "crm.client.class.run": {"abc_a": 70.0},
    }.get(model)


def status_records(env, users, records):
    status = env["crm.client.status"].create({"name": "Matrix status"})
    company = env.ref("base.main_company")
    rule = env["crm.client.status.rule"].create(
        {"name": "Matrix rule", "status_id": status.id, "company_id": company.id}
    )
    # a status in a client's history cannot be deleted (the history keeps it): another one
    kept = env["crm.client.status"].create({"name": "Matrix status in history"})
    history = env["crm.client.status.history"].create(
        {"partner_id": records["res.partner"].id, "status_id": kept.id,
         "company_id": company.id, "rule_id": rule.id}
    )  # fmt: skip
    return {
        "crm.client.status": status,
        "crm.client.status.rule": rule,
        "crm.client.status.history": history,
    }
