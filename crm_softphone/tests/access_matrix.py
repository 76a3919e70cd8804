"""Access matrix of crm_softphone (format: /work/briefs/ACCESS_MATRIX.md).

PBX connections, their extensions and tokens, and click-to-dial requests are the
administrator's (base.group_system) only; call results are read by every salesman and kept by
the sales administrators; the wrap-up dialog is its creator's, for a call he may change.
Calls themselves are crm.interaction records: crm_interaction's row holds for them.
"""

NOBODY = {
    "salesman": "----",
    "other_salesman": "----",
    "team_leader": "----",
    "sales_admin": "----",
    "claim_participant": "----",
    "portal": "----",
    "other_company": "----",
}

MODELS = {
    "crm.softphone.pbx": dict(NOBODY),
    "crm.softphone.extension": dict(NOBODY),
    "crm.softphone.dial": dict(NOBODY),
    "crm.softphone.result": {
        "salesman": "r---",
        "other_salesman": "r---",
        "team_leader": "r---",
        "sales_admin": "rwcu",
        "claim_participant": "----",
        "portal": "----",
        "other_company": "r---",
    },
    "crm.interaction.wrap.up": {
        "salesman": "rwc-",
        "other_salesman": "----",
        "team_leader": "--c-",
        "sales_admin": "--c-",
        "claim_participant": "----",
        "portal": "----",
        "other_company": "----",
    },
}

ADMIN = ["base.group_system"]
METHODS = {
    ("crm.softphone.pbx", "action_generate_token"): ADMIN,
    ("crm.softphone.pbx", "action_open_calls"): ADMIN,
    ("crm.softphone.dial", "dial_from"): "all",
    ("crm.interaction", "action_wrap_up"): "all",
    ("crm.interaction", "action_softphone_call"): "all",
    ("crm.lead", "action_softphone_call"): "all",
    ("res.partner", "action_softphone_call"): "all",
    ("crm.interaction.wrap.up", "action_save"): "all",
}

METHOD_KWARGS = {
    ("crm.softphone.dial", "dial_from"): lambda env, users, records: {
        "number": "+7 495 123-45-67",
        "res_model": "res.partner",
        "res_id": records["res.partner"].id,
    },
}


def make_records(env, users, records):
    salesman = users["salesman"]
    pbx = env["crm.softphone.pbx"].create({"name": "Matrix PBX", "kind": "webhook"})
    extension = env["crm.softphone.extension"].create(
        {"name": "951", "pbx_id": pbx.id, "user_id": salesman.id}
    )
    result = env["crm.softphone.result"].create({"name": "Matrix result"})
    call = env["crm.interaction"].create(
        {
            "name": "Matrix call",
            "kind": "call",
            "softphone_pbx_id": pbx.id,
            "call_uid": "matrix-call",
            "user_id": salesman.id,
            "partner_id": records["res.partner"].id,
        }
    )
    dial = env["crm.softphone.dial"].create(
        {
            "pbx_id": pbx.id,
            "user_id": salesman.id,
            "number_e164": "+74951234567",
            "res_model": "res.partner",
            "res_id": records["res.partner"].id,
        }
    )
    wrap_up = (
        env["crm.interaction.wrap.up"]
        .with_user(salesman)
        .create({"interaction_id": call.id, "result_id": result.id})
    )
    return {
        "crm.softphone.pbx": pbx,
        "crm.softphone.extension": extension,
        "crm.softphone.result": result,
        "crm.softphone.dial": dial,
        "crm.interaction.wrap.up": wrap_up.sudo(),
    }


def create_values(env, users, model, records):
    pbx = records["crm.softphone.pbx"]
    if model == "crm.softphone.pbx":
        return {"name": "Matrix PBX 2", "kind": "webhook"}
    if model == "crm.softphone.extension":
        return {"name": "952", "pbx_id": pbx.id, "user_id": users["salesman"].id}
    if model == "crm.softphone.result":
        return {"name": "Matrix result 2"}
    if model == "crm.softphone.dial":
        return {
            "pbx_id": pbx.id,
            "user_id": users["salesman"].id,
            "number_e164": "+74950000000",
            "res_model": "res.partner",
            "res_id": records["res.partner"].id,
        }
    if model == "crm.interaction.wrap.up":
        wrap_up = records["crm.interaction.wrap.up"]
        return {"interaction_id": wrap_up.interaction_id.id, "result_id": wrap_up.result_id.id}
    return {}


def write_values(env, users, model, records):
    return {
        "crm.softphone.pbx": {"name": "Matrix PBX renamed"},
        "crm.softphone.extension": {"name": "953"},
        "crm.softphone.result": {"name": "Matrix result renamed"},
        "crm.softphone.dial": {"number_e164": "+74950000001"},
        "crm.interaction.wrap.up": {"note": "Matrix note"},
    }.get(model, {})
