"""Access matrix of crm_client_access_routemap (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interest.tests.access_matrix_common import row

# the records and values of the rows overridden here are crm_routemap's
from odoo.addons.crm_routemap.tests.access_matrix import create_values, write_values  # noqa: F401

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
# the company's client visibility (crm_client_access, "own team" by default): the leader of
# the salesman's team sees the processes and tasks of his interests, as the interests
RUN = row("r---", "----", "r---", "r---", "----", "----", "----")
MODELS = {
    "crm.routemap.process": RUN,
    "crm.routemap.task": RUN,
}
