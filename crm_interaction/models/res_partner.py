from odoo import api, fields, models

from ..pure import fullname


class ResPartner(models.Model):
    _inherit = "res.partner"

    surname = fields.Char(help="Фамилия: the family name of a person.")
    first_name = fields.Char(help="Имя: the given name of a person.")
    patronymic = fields.Char(help="Отчество: the patronymic of a person.")
    interaction_ids = fields.One2many("crm.interaction", "partner_id", string="Interactions")
    interaction_count = fields.Integer(compute="_compute_interaction_count")

    def _compute_interaction_count(self):
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.interaction_count = sum(
                count
                for client, count in counts.items()
                if client.commercial_partner_id == partner.commercial_partner_id
            )

    def write(self, vals):
        res = super().write(vals)
        if not self.env["crm.control.task.line"]._checked_partner_fields().isdisjoint(vals):
            self.env["crm.control.task.line"]._refresh_partners(self)
        return res

    def action_fill_name_parts(self):
        """Fill surname, first name and patronymic of persons from their display name."""
        for partner in self.filtered(lambda p: not p.is_company and p.name):
            parsed = fullname.parse(partner.name)
            partner.write(
                {
                    "surname": partner.surname or parsed.surname,
                    "first_name": partner.first_name or parsed.first_name,
                    "patronymic": partner.patronymic or parsed.patronymic,
                }
            )

    @api.onchange("name")
    def _onchange_name_fill_parts(self):
        if self.name and not self.is_company and not (self.surname or self.first_name):
            parsed = fullname.parse(self.name)
            self.surname, self.first_name = parsed.surname, parsed.first_name
            self.patronymic = parsed.patronymic

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
