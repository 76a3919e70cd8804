from odoo import fields, models

PARTICIPANT_ROLES = [
    ("client", "Client"),
    ("contact", "Contact"),
    ("competitor", "Competitor"),
    ("partner", "Partner"),
]


class CrmInterestParticipant(models.Model):
    _name = "crm.interest.participant"
    _description = "Interest Participant"
    _order = "lead_id, role, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Interest", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Participant", required=True, index=True)
    role = fields.Selection(PARTICIPANT_ROLES, required=True, default="contact")
    note = fields.Char()

    _lead_partner_role_unique = models.Constraint(
        "UNIQUE(lead_id, partner_id, role)", "A participant has each role once per interest."
    )
