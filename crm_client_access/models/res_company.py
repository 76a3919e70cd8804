from odoo import fields, models

ACCESS_SCOPES = [
    ("own", "Own only"),
    ("team", "Own team"),
    ("department", "Own department and below"),
    ("all", "All"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_access_scope = fields.Selection(
        ACCESS_SCOPES,
        string="Client Visibility",
        required=True,
        default="team",
        help="Which clients, and everything about them (interests, interactions, claims, calls, "
        "route-map processes and tasks), a salesman without the 'All documents' right sees: "
        "his own only; also those of the salesmen of the teams he leads; also those of every "
        "employee of the departments he heads and of every department below them; or all.",
    )
