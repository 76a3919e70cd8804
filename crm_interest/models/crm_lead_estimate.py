from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..pure.estimator import Estimator

_ALL_SCORES_KEY = "crm_interest_lead_scoring_all"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    probability_estimate = fields.Float(
        string="Estimated Probability",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Share of the closed interests most like this one that were won: of the same "
        "scenario, that reached this state, then of the same process kind, salesperson and "
        "client, as far as there are enough of them. Refreshed when the interest moves, "
        "daily and when an interest closes. The interest's probability follows it until "
        'the probability is set by hand; "Use estimate" makes it follow again.',
    )
    probability_estimate_won = fields.Integer(readonly=True, copy=False)
    probability_estimate_count = fields.Integer(readonly=True, copy=False)
    probability_estimate_level = fields.Selection(
        [
            ("all", "of this scenario, in any state"),
            ("scenario", "in this state of the scenario"),
            ("kind", "of this process kind"),
            ("salesperson", "of this salesperson"),
            ("client", "with this client"),
        ],
        readonly=True,
        copy=False,
    )
    probability_estimate_basis = fields.Char(
        string="Basis of the Estimate", compute="_compute_probability_estimate_basis"
    )

    probability_basis = fields.Char(
        string="Where the Probability Comes From", compute="_compute_probability_basis"
    )
    lead_scoring_probability = fields.Float(
        string="Odoo's Lead Scoring",
        compute="_compute_lead_scoring_probability",
        digits=(3, 2),
        help="What Odoo's predictive lead scoring would say for this interest (from the "
        "native pipeline's statistics). Shown for comparison only: an interest's probability "
        "comes from its scenario's closed interests.",
    )

    @api.depends(
        "probability",
        "is_automated_probability",
        "probability_estimate",
        "probability_estimate_basis",
        "scenario_id",
    )
    def _compute_probability_basis(self):
        for lead in self:
            estimated = lead.probability_estimate_count and round(lead.probability, 2) == round(
                lead.probability_estimate, 2
            )
            if estimated:
                lead.probability_basis = _(
                    "estimated from similar interests: %s", lead.probability_estimate_basis
                )
            elif lead.scenario_id and lead.is_automated_probability:
                lead.probability_basis = _(
                    "not estimated: %s; set it by hand", lead.probability_estimate_basis
                )
            elif lead.is_automated_probability:
                lead.probability_basis = _("predicted by Odoo's lead scoring")
            else:
                lead.probability_basis = _("set by hand")

    @api.depends("scenario_id", "stage_id", "won_status")
    def _compute_lead_scoring_probability(self):
        interests = self.filtered(
            lambda lead: lead.scenario_id and lead._origin.id and lead.won_status == "pending"
        )._origin
        scores = {}
        if interests:
            scores, _unused = interests.with_context(
                **{_ALL_SCORES_KEY: True}
            )._pls_get_naive_bayes_probabilities()
        for lead in self:
            lead.lead_scoring_probability = scores.get(lead._origin.id, 0.0)

    def _compute_probabilities(self):
        # an interest's automated probability is its estimate, not Odoo's lead scoring (which
        # learns from the native pipeline's stages): the probability follows it until the
        # user sets one by hand
        interests = self.filtered("scenario_id")
        for lead in interests:
            was_automated = lead.active and lead.is_automated_probability
            lead.automated_probability = lead.probability_estimate
            if was_automated:
                lead.probability = lead.automated_probability
        if self - interests:
            super(CrmLead, self - interests)._compute_probabilities()

    def _pls_get_naive_bayes_probabilities(self, *args, **kwargs):
        # lead scoring leaves interests alone (its daily rebuild writes the probabilities it
        # returns), unless asked for comparison
        result = super()._pls_get_naive_bayes_probabilities(*args, **kwargs)
        if not isinstance(result, tuple):
            return result  # no lead asked: Odoo answers with an empty dict
        probabilities, *rest = result
        if not self.env.context.get(_ALL_SCORES_KEY):
            interest_ids = set(self.filtered("scenario_id").ids)
            if interest_ids:
                probabilities = {
                    lead_id: probability
                    for lead_id, probability in probabilities.items()
                    if lead_id not in interest_ids
                }
        return probabilities, *rest

    @api.depends("probability_estimate_count", "probability_estimate_level")
    def _compute_probability_estimate_basis(self):
        levels = dict(self._fields["probability_estimate_level"]._description_selection(self.env))
        for lead in self:
            if not lead.probability_estimate_count:
                lead.probability_estimate_basis = _("too few closed interests to learn from yet")
                continue
            lead.probability_estimate_basis = _(
                "%(won)s of %(total)s similar interests were won (%(level)s)",
                won=lead.probability_estimate_won,
                total=lead.probability_estimate_count,
                level=levels.get(lead.probability_estimate_level, ""),
            )

    def action_interest_use_estimate(self):
        for lead in self:
            if lead.won_status != "pending":
                raise UserError(_('Interest "%s" is closed: its probability is final.', lead.name))
        for estimate, leads in self.grouped("probability_estimate").items():
            leads.write({"probability": estimate})

    # ------------------------------------------------------------------ refresh

    @api.model
    def _interest_estimator(self, scenarios=None):
        """An estimator over every closed interest (all companies: statistics, not data),
        or over those of `scenarios` only (enough to estimate interests of these)."""
        Lead = self.sudo().with_context(active_test=False)
        scenario_domain = (
            [("scenario_id", "in", scenarios.ids)]
            if scenarios is not None
            else [("scenario_id", "!=", False)]
        )
        groups = Lead._read_group(
            [
                *scenario_domain,
                ("type", "=", "opportunity"),
                ("won_status", "in", ("won", "lost")),
                ("furthest_stage_id", "!=", False),
            ],
            [
                "scenario_id",
                "furthest_stage_id",
                "process_kind",
                "user_id",
                "partner_id",
                "won_status",
            ],
            ["__count"],
        )
        stages = self.env["crm.stage"].sudo().search(scenario_domain)
        order = {}
        for stage in stages:
            order.setdefault(stage.scenario_id.id, []).append(stage.id)
        return Estimator(
            order,
            (
                (
                    scenario.id,
                    stage.id,
                    kind,
                    user.id,
                    partner.commercial_partner_id.id,
                    status == "won",
                    count,
                )
                for scenario, stage, kind, user, partner, status, count in groups
            ),
        )

    @api.model
    def _interest_open_domain(self):
        return [
            ("scenario_id", "!=", False),
            ("type", "=", "opportunity"),
            ("won_status", "=", "pending"),
            ("active", "=", True),
        ]

    def _interest_refresh_estimates(self, estimator=None):
        """Store the estimate of these open interests in one UPDATE."""
        estimator = estimator or self._interest_estimator()
        rows = []
        for lead in self.sudo().with_context(prefetch_fields=False):
            estimate = estimator.estimate(
                lead.scenario_id.id,
                lead.stage_id.id,
                lead.process_kind,
                lead.user_id.id,
                lead.partner_id.commercial_partner_id.id,
            )
            rows.append(
                SQL(
                    "(%s, %s, %s, %s, %s)",
                    lead.id,
                    estimate.probability,
                    estimate.won,
                    estimate.total,
                    estimate.level or None,
                )
            )
        if not rows:
            return
        # the estimate is the interest's automated probability: a probability that follows it
        # (not set by hand) moves with it
        self.flush_recordset(["probability", "automated_probability"])
        self.env.cr.execute(
            SQL(
                """
            UPDATE crm_lead l
               SET probability_estimate = v.probability,
                   probability_estimate_won = v.won,
                   probability_estimate_count = v.total,
                   probability_estimate_level = v.level,
                   automated_probability = v.probability,
                   probability = CASE
                       WHEN l.probability IS NULL
                         OR ABS(l.probability - COALESCE(l.automated_probability, 0)) < 0.005
                       THEN v.probability ELSE l.probability END
              FROM (VALUES %s) AS v(id, probability, won, total, level)
             WHERE l.id = v.id
            """,
                SQL(", ").join(rows),
            )
        )
        self.invalidate_recordset(
            [
                "probability_estimate",
                "probability_estimate_won",
                "probability_estimate_count",
                "probability_estimate_level",
                "automated_probability",
                "probability",
            ]
        )
        self.modified(
            [
                "probability_estimate",
                "probability_estimate_won",
                "probability_estimate_count",
                "probability_estimate_level",
                "automated_probability",
                "probability",
            ]
        )

    @api.model
    def _cron_interest_refresh_estimates(self):
        """Daily: refresh the estimate of every open interest, committing each batch."""
        self._interest_refresh_open_estimates()

    @api.model
    def _interest_refresh_open_estimates(self, batch_size=None):
        """Refresh the estimate of every open interest, `batch_size` interests at a time
        (the crons' batch size by default; each batch committed inside the cron)."""
        estimator = self._interest_estimator()
        self.env["ir.cron"]._crm_run_batches(
            "interest_estimate",
            self.sudo(),
            self._interest_open_domain(),
            lambda batch: batch._interest_refresh_estimates(estimator),
            batch_size=batch_size,
        )

    def _handle_won_lost(self, old_status_by_lead, new_status_by_lead):
        result = super()._handle_won_lost(old_status_by_lead, new_status_by_lead)
        closed = any(
            (status["is_won"] or status["is_lost"]) and status != old_status_by_lead.get(lead_id)
            for lead_id, status in new_status_by_lead.items()
        )
        if closed and self.filtered("scenario_id"):
            closed_leads = self.browse(
                lead_id
                for lead_id, status in new_status_by_lead.items()
                if status["is_won"] or status["is_lost"]
            )
            closed_leads._interest_clear_estimates()
            self._interest_trigger_estimates()
        reopened = self.browse(
            lead_id
            for lead_id, status in new_status_by_lead.items()
            if not (status["is_won"] or status["is_lost"])
            and (old_status_by_lead.get(lead_id) or {}).get("is_lost")
        ).filtered(lambda lead: lead.scenario_id and lead.active)
        if reopened:
            reopened._interest_refresh_estimates(self._interest_estimator(reopened.scenario_id))
        return result

    def _interest_clear_estimates(self):
        """A closed interest keeps no estimate: its probability is final."""
        if not self:
            return
        self.flush_recordset(["automated_probability"])
        self.env.cr.execute(
            SQL(
                """
            UPDATE crm_lead
               SET probability_estimate = 0, probability_estimate_won = 0,
                   probability_estimate_count = 0, probability_estimate_level = NULL,
                   automated_probability = 0
             WHERE id IN %s AND (probability_estimate_count != 0 OR automated_probability != 0)
                """,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            [
                "probability_estimate",
                "probability_estimate_won",
                "probability_estimate_count",
                "probability_estimate_level",
                "automated_probability",
            ]
        )
        self.modified(
            [
                "probability_estimate",
                "probability_estimate_won",
                "probability_estimate_count",
                "probability_estimate_level",
                "automated_probability",
            ]
        )

    @api.model
    def _interest_trigger_estimates(self):
        """Refresh the estimates soon, in the background (one run for many triggers)."""
        cron = self.env.ref("crm_interest.ir_cron_interest_estimate", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()
