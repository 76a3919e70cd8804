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
    return {"crm.client.event": event, **class_records(env, users, records)}


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
    return {}


def write_values(env, users, model, records):
    if model in CLASS_MODELS:
        return class_write_values(env, users, model, records)
    return {"crm.client.event": {"remind_days": 5}}[model]


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
