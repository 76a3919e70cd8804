"""Access matrix of crm_interaction_sale (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interest.tests.access_matrix_common import (
    SALE_ORDER_ROW,
    row,  # noqa: F401 - the format's helper, for rows of models this addon may add
    sale_order,
    sale_order_values,
)

# crm.interaction's row is crm_interaction's; sale.order as in crm_claim/crm_interest_document
MODELS = {"sale.order": SALE_ORDER_ROW}

METHODS = {
    ("crm.interaction", "action_create_quotation"): "all",
    ("crm.interaction", "action_open_sale_orders"): "all",
}


def make_records(env, users, records):
    order = sale_order(env, users, records)
    order.interaction_id = records["crm.interaction"]
    return {"sale.order": order}


def create_values(env, users, model, records):
    return {"sale.order": sale_order_values(env, users, records)}[model]


def write_values(env, users, model, records):
    return {"sale.order": {"note": "Matrix terms"}}[model]
