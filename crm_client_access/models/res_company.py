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
    crm_access_clients = fields.Boolean(
        string="Restrict the Client List",
        help="The same visibility holds for the client cards themselves: a salesman finds, "
        "opens and picks only the clients nobody is responsible for and those whose "
        "salesperson his view reaches. Off, every salesman reads every card (Odoo's partner "
        "directory, shared with invoicing and purchase), and the visibility holds for the "
        "clients' interests, interactions, claims, calls and route-map tasks.",
    )
