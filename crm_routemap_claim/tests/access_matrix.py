"""Access matrix of crm_routemap_claim (format: /work/briefs/ACCESS_MATRIX.md).

No model of its own. The claim users get read access to maps, processes and tasks (their own
tasks, the processes of their claims; claim managers every claim's): the roles of the matrix
keep the answers crm_routemap gives (the salesman and the sales administrator already had
them; the claim participant has no claim group)."""

MODELS = {}
METHODS = {
    # any internal user who may write the claim; a map that does not drive claims is refused
    ("crm.claim", "action_routemap_start"): "all",
}
METHOD_KWARGS = {
    ("crm.claim", "action_routemap_start"): lambda env, users, records: {
        "routemap_id": records["crm.routemap"].id
    },
}
