from datetime import date, timedelta

from odoo import _, api, fields, models

KINDS = [("birthday", "Birthday"), ("anniversary", "Company Anniversary"), ("other", "Other Date")]


def next_occurrence(day, today, yearly):
    """The next date of an event on or after `today` (29 February falls on 28 February in
    other years); a one-off event keeps its date."""
    if not yearly or day >= today:
        return day
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    return None  # unreachable: next year's date is after today


class CrmClientEvent(models.Model):
    """A date of the client's to remember (Оповещения о днях рождения и других событиях
    клиента): contacts' birthdays and the company's anniversary come from their cards, other
    dates (the end of a contract...) are added by hand. Its responsible is reminded a few days
    before by an activity."""

    _name = "crm.client.event"
    _description = "Client Event"
    _order = "next_date, id"
    _check_company_auto = True

    name = fields.Char("Event", required=True)
    kind = fields.Selection(KINDS, required=True, default="other")
    partner_id = fields.Many2one(
        "res.partner", "Contact or Client", required=True, ondelete="cascade", index=True
    )
    client_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, string="Client", index=True
    )
    user_id = fields.Many2one(
        related="client_id.user_id", store=True, string="Responsible", index=True
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    date = fields.Date(required=True)
    yearly = fields.Boolean("Every Year", default=True)
    next_date = fields.Date(
        "Next Date", compute="_compute_next_date", store=True, index=True,
        help="The coming date of the event; refreshed every night.",
    )  # fmt: skip
    remind_days = fields.Integer("Remind Days Before", default=3)
    reminded_date = fields.Date(
        "Reminded For", readonly=True, copy=False,
        help="The occurrence its responsible was last reminded of.",
    )  # fmt: skip
    note = fields.Text()

    @api.depends("date", "yearly")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for event in self:
            event.next_date = event.date and next_occurrence(event.date, today, event.yearly)

    @api.model
    def _cron_remind(self):
        """Every night: yearly events move to their next date, and each responsible gets one
        activity per occurrence, `remind_days` before it (in committed batches; the
        occurrence an event last reminded of makes a rerun remind of it no more)."""
        today = fields.Date.context_today(self)
        Cron = self.env["ir.cron"]
        moved = Cron._crm_run_batches(
            "client_event_next_date",
            self,
            [("yearly", "=", True), ("next_date", "<", today)],
            lambda events: events._compute_next_date(),
        )
        if not moved:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")

        def remind(events):
            due = events.filtered(
                lambda e: (
                    e.next_date - timedelta(days=e.remind_days) <= today
                    and e.reminded_date != e.next_date
                )
            )
            for event in due:
                event.client_id.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=event.next_date,
                    summary=self.env._(
                        "%(event)s: %(who)s", event=event.name, who=event.partner_id.name
                    ),
                    note=event.note or "",
                    user_id=event.user_id.id,
                )
                event.reminded_date = event.next_date

        Cron._crm_run_batches(
            "client_event_remind",
            self,
            [("next_date", ">=", today), ("user_id", "!=", False)],
            remind,
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    birthday = fields.Date(tracking=True)
    client_founded = fields.Date("Founded", tracking=True)
    client_event_ids = fields.One2many("crm.client.event", "partner_id", string="Client Events")

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered(lambda p: p.birthday or p.client_founded)._client_base_sync_events()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if {"birthday", "client_founded"} & set(vals):
            self._client_base_sync_events()
        return res

    def _client_base_sync_events(self):
        """The birthday of a person and the foundation day of a company are events of theirs,
        kept in step with the card."""
        Event = self.env["crm.client.event"].sudo()
        for partner in self:
            for kind, day, name in (
                ("birthday", partner.birthday, _("Birthday")),
                ("anniversary", partner.client_founded, _("Company anniversary")),
            ):
                event = partner.sudo().client_event_ids.filtered(lambda e, k=kind: e.kind == k)
                if not day:
                    event.unlink()
                elif event:
                    event.write({"date": day, "name": name})
                else:
                    Event.create(
                        {
                            "kind": kind,
                            "name": name,
                            "date": day,
                            "partner_id": partner.id,
                            "company_id": partner.company_id.id,
                        }
                    )
