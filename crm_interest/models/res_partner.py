from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_competitor = fields.Boolean(
        string="Competitor",
        index="btree_not_null",
        help="A company in the competitors directory: it can be named as the one an interest "
        "was lost to.",
    )
    interest_lost_count = fields.Integer(
        compute="_compute_interest_lost", string="Interests Lost to It"
    )
    interest_lost_amount = fields.Monetary(
        compute="_compute_interest_lost",
        string="Amount Lost to It",
        currency_field="interest_lost_currency_id",
    )
    interest_lost_currency_id = fields.Many2one(
        "res.currency", compute="_compute_interest_lost", string="Lost Amount Currency"
    )

    @api.constrains("is_competitor", "is_company")
    def _check_competitor_is_company(self):
        for partner in self:
            if partner.is_competitor and not partner.is_company:
                raise ValidationError(
                    _('"%s" is a person: only a company can be a competitor.', partner.name)
                )

    def _compute_interest_lost(self):
        competitors = self.filtered("is_competitor")
        groups = {}
        if competitors.ids:
            groups = {
                partner: (count, amount)
                for partner, count, amount in self.env["crm.lead"]
                .with_context(active_test=False)
                ._read_group(
                    [("lost_competitor_id", "in", competitors.ids), ("won_status", "=", "lost")],
                    ["lost_competitor_id"],
                    ["__count", "expected_revenue:sum"],
                )
            }
        for partner in self:
            count, amount = groups.get(partner, (0, 0.0))
            partner.interest_lost_count = count
            partner.interest_lost_amount = amount
            partner.interest_lost_currency_id = self.env.company.currency_id

    @api.readonly
    def action_view_interests_lost(self):
        """The interests lost to this competitor, in the loss analysis."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interest.crm_lead_action_loss_analysis"
        )
        action.update(
            name=_("Interests Lost to %s", self.name),
            domain=[("won_status", "=", "lost"), ("lost_competitor_id", "=", self.id)],
            view_mode="list,pivot,graph,form",
            views=[(False, "list"), (False, "pivot"), (False, "graph"), (False, "form")],
        )
        return action


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.constrains("lost_competitor_id")
    def _check_lost_competitor(self):
        for lead in self:
            if lead.lost_competitor_id and not lead.lost_competitor_id.is_competitor:
                raise ValidationError(
                    _(
                        '"%s" is not in the competitors directory: flag the company as a '
                        "competitor first.",
                        lead.lost_competitor_id.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("lost_competitor_id"):
            self._interest_competitor_participants()
        return res

    def _interest_competitor_participants(self):
        """The competitor an interest was lost to is one of its participants, as competitor."""
        Participant = self.env["crm.interest.participant"].sudo()
        known = {
            (participant.lead_id.id, participant.partner_id.id)
            for participant in Participant.search(
                [("lead_id", "in", self.ids), ("role", "=", "competitor")]
            )
        }
        Participant.create(
            [
                {"lead_id": lead.id, "partner_id": lead.lost_competitor_id.id, "role": "competitor"}
                for lead in self
                if lead.lost_competitor_id and (lead.id, lead.lost_competitor_id.id) not in known
            ]
        )
