"""Access matrix of crm_routemap_sale (format: /work/briefs/ACCESS_MATRIX.md).

No model of its own: one method on the interest, under the interest's own write rights."""

MODELS = {}
METHODS = {
    # who may change the interest (a business refusal, e.g. no primary demand, is fine)
    ("crm.lead", "action_routemap_customer_order"): "all",
}
