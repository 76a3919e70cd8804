"""Access matrix of crm_interest_document (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interest.tests.access_matrix_common import (
    INVOICE_ROW,
    SALE_ORDER_ROW,
    invoice,
    invoice_values,
    product,
    row,
    sale_order,
    sale_order_values,
)

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
# crm.lead and crm.interest.scenario rows are crm_interest's (this addon changes no answer).
MODELS = {
    "sale.order": SALE_ORDER_ROW,
    "account.move": INVOICE_ROW,
    # supplier orders are the purchase team's: a salesman without purchase rights sees none
    # (issue 9: purchase costs hidden from salesmen without purchase rights)
    "purchase.order": row("----", "----", "----", "----", "----", "----", "----"),
}

PURCHASE = ["purchase.group_purchase_user"]
METHODS = {
    ("crm.lead", "action_interest_create_purchase_orders"): PURCHASE,
    ("crm.lead", "action_interest_create_quotation"): "all",
    ("crm.lead", "action_view_invoices"): "all",
    ("crm.lead", "action_view_purchase_orders"): PURCHASE,
    ("sale.order", "action_confirm"): "all",
    ("sale.order", "action_interest_send_offer"): "all",
}


def _vendor(env, records):
    if "_vendor" not in records:
        records["_vendor"] = env["res.partner"].create(
            {"name": "Matrix Vendor LLC", "is_company": True}
        )
    return records["_vendor"]


def make_records(env, users, records):
    order = env["purchase.order"].create(
        {
            "partner_id": _vendor(env, records).id,
            "interest_id": records["crm.lead"].id,
            "company_id": env.ref("base.main_company").id,
            "order_line": [
                (0, 0, {"product_id": product(env, records).id, "product_qty": 1, "price_unit": 60})
            ],
        }
    )
    return {
        "sale.order": sale_order(env, users, records),
        "account.move": invoice(env, users, records),
        "purchase.order": order,
    }


def create_values(env, users, model, records):
    if model == "sale.order":
        return sale_order_values(env, users, records)
    if model == "account.move":
        return invoice_values(env, users, records)
    return {
        "purchase.order": {
            "partner_id": _vendor(env, records).id,
            "interest_id": records["crm.lead"].id,
            "company_id": env.ref("base.main_company").id,
        },
    }[model]


def write_values(env, users, model, records):
    return {
        "sale.order": {"note": "Matrix terms"},
        "account.move": {"narration": "Matrix terms"},
        "purchase.order": {"note": "Matrix terms"},
    }[model]
