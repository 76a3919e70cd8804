"""Access matrix of crm_claim (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interest.tests.access_matrix_common import (
    INVOICE_ROW,
    SALE_ORDER_ROW,
    invoice,
    invoice_values,
    row,
    sale_order,
    sale_order_values,
)

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # the salesman's client's claim; its participant reads it (and adds notes), nothing more
    # (issue 9); the sales administrators manage all claims
    "crm.claim": row("rwc-", "----", "----", "rwcu", "r---", "----", "----"),
    # claim reasons are one list for all companies
    "crm.claim.reason": row("r---", "r---", "r---", "rwcu", "----", "----", "r---"),
    # native documents we extend (same rows in crm_interest_document / crm_interaction_sale)
    "sale.order": SALE_ORDER_ROW,
    "account.move": INVOICE_ROW,
}

CLAIM_USERS = ["crm_claim.group_crm_claim_user"]
METHODS = {
    ("crm.claim", "action_reopen"): CLAIM_USERS,
    ("crm.claim", "action_set_not_satisfied"): CLAIM_USERS,
    ("crm.claim", "action_set_satisfied"): CLAIM_USERS,
    ("crm.claim", "action_view_interactions"): "all",
    # participants add notes to the claim they read (issue 9)
    ("crm.claim", "message_post"): "all",
    ("crm.interaction", "action_create_claim"): CLAIM_USERS,
    ("crm.interaction", "action_open_claim"): "all",
    ("crm.lead", "action_create_claim"): CLAIM_USERS,
    ("crm.lead", "action_view_claims"): "all",
    ("res.partner", "action_view_claims"): "all",
    ("sale.order", "action_create_claim"): CLAIM_USERS,
    ("sale.order", "action_view_claims"): "all",
    ("account.move", "action_create_claim"): CLAIM_USERS,
    ("account.move", "action_view_claims"): "all",
}

METHOD_KWARGS = {
    ("crm.claim", "message_post"): lambda env, users, records: {
        "body": "Matrix: a note by RPC",
        "message_type": "comment",
    },
}


def make_records(env, users, records):
    reason = env["crm.claim.reason"].create({"name": "Matrix late delivery"})
    claim = env["crm.claim"].create(
        {
            "partner_id": records["res.partner"].id,
            "user_id": users["salesman"].id,
            "lead_id": records["crm.lead"].id,
            "reason_id": reason.id,
            "participant_ids": [(6, 0, users["claim_participant"].ids)],
            "company_id": env.ref("base.main_company").id,
        }
    )
    records["crm.interaction"].claim_id = claim
    return {
        "crm.claim": claim,
        "crm.claim.reason": reason,
        "sale.order": sale_order(env, users, records),
        "account.move": invoice(env, users, records),
    }


def create_values(env, users, model, records):
    if model == "sale.order":
        return sale_order_values(env, users, records)
    if model == "account.move":
        return invoice_values(env, users, records)
    return {
        "crm.claim": {
            "partner_id": records["res.partner"].id,
            "user_id": users["salesman"].id,
            "company_id": env.ref("base.main_company").id,
        },
        "crm.claim.reason": {"name": "Matrix wrong goods"},
    }[model]


def write_values(env, users, model, records):
    return {
        "crm.claim": {"deadline": "2030-01-10"},
        "crm.claim.reason": {"name": "Matrix late delivery renamed"},
        "sale.order": {"note": "Matrix terms"},
        "account.move": {"narration": "Matrix terms"},
    }[model]
