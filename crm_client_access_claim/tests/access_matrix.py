"""Access matrix of crm_client_access_claim (format: /work/briefs/ACCESS_MATRIX.md)."""

# the records and values of the rows overridden here are crm_claim's
from odoo.addons.crm_claim.tests.access_matrix import create_values, write_values  # noqa: F401
from odoo.addons.crm_interest.tests.access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
# the company's client visibility (crm_client_access, "own team" by default): the leader of
# the salesman's team handles the claims of his clients, as the salesman does
MODELS = {
    "crm.claim": row("rwc-", "----", "rwc-", "rwcu", "r---", "----", "----"),
}
