from collections import defaultdict

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..pure import handover

# the context key of the wizard's own archiving: the check of open work is not run again
HANDOVER_ARCHIVE_KEY = "crm_handover_archive"

MODES = [
    ("all", "All to One Employee"),
    ("client", "By Client"),
    ("team", "By Team"),
    ("even", "Evenly"),
]


class CrmAccessHandover(models.TransientModel):
    """Передача дел: a leaving (or moving) employee's clients and open work go to one or
    several successors, with a preview of what goes where and a log."""

    _name = "crm.access.handover"
    _description = "Hand Work Over"

    from_user_id = fields.Many2one(
        "res.users",
        "Employee",
        required=True,
        context={"active_test": False},
        domain="[('share', '=', False), ('active', 'in', [True, False])]",
        help="The leaving or moving employee whose work is handed over.",
    )
    mode = fields.Selection(
        MODES,
        "Hand Over",
        required=True,
        default="all",
        help="All to one employee; by client: each client with all his work to one successor, "
        "the clients spread evenly; by team: a successor for the work of each sales team; "
        "evenly: the pieces of work dealt one by one.",
    )
    target_user_id = fields.Many2one(
        "res.users", "Successor", domain="[('share', '=', False), ('id', '!=', from_user_id)]"
    )
    target_user_ids = fields.Many2many(
        "res.users",
        string="Successors",
        domain="[('share', '=', False), ('id', '!=', from_user_id)]",
    )
    team_line_ids = fields.One2many(
        "crm.access.handover.team",
        "wizard_id",
        "Successor per Team",
        compute="_compute_team_line_ids",
        store=True,
        readonly=False,
    )
    line_ids = fields.One2many("crm.access.handover.line", "wizard_id", "What Goes Where")
    summary = fields.Html(compute="_compute_summary", sanitize=False)
    archive_after = fields.Boolean(
        "Archive the Employee Afterwards",
        help="Once everything is handed over, archive the employee's user: nothing stays "
        "with an archived user.",
    )

    # ------------------------------------------------------------------ the kinds of work

    def _crm_handover_sources(self):
        """The kinds of work handed over, for ``self.from_user_id``: a list of dicts

        - ``key``: a short name (``"interests"``), kept in the log as the kind of work;
        - ``label``: what the consultant reads (translated);
        - ``model``: the model of the documents;
        - ``domain``: the leaver's documents that are still open;
        - ``user_field``: the many2one to res.users written with the successor;
        - ``client_field``: the path to the client (a res.partner; its commercial partner is
          the client), or ``False`` for documents attached by ``res_model``/``res_id`` (as
          activities), whose client and team are their document's;
        - ``team_field`` (optional): the path to the crm.team, for the hand over by team;
        - ``hand_over`` (optional): the name of the documents' method that gives them to the
          successor (called with him), where a plain write of ``user_field`` is not enough.

        Glue addons append their own kinds (route-map tasks, claims, callback tasks) in an
        override: ``sources = super()._crm_handover_sources(); sources.append({...})``."""
        self.ensure_one()
        user = self.from_user_id
        return [
            {
                "key": "clients",
                "label": _("Clients"),
                "model": "res.partner",
                "domain": [("user_id", "=", user.id)],
                "user_field": "user_id",
                "client_field": "commercial_partner_id",
                # sale adds the client's sales team
                "team_field": "team_id" if "team_id" in self.env["res.partner"] else False,
            },
            {
                "key": "interests",
                "label": _("Open Interests"),
                "model": "crm.lead",
                "domain": [("user_id", "=", user.id), ("won_status", "!=", "won")],
                "user_field": "user_id",
                "client_field": "partner_id",
                "team_field": "team_id",
            },
            {
                "key": "interactions",
                "label": _("Planned Interactions"),
                "model": "crm.interaction",
                "domain": [("user_id", "=", user.id), ("date", ">", fields.Datetime.now())],
                "user_field": "user_id",
                "client_field": "partner_id",
                "team_field": "team_id",
            },
            {
                "key": "activities",
                "label": _("Activities"),
                "model": "mail.activity",
                "domain": [("user_id", "=", user.id)],
                "user_field": "user_id",
                "client_field": False,
            },
        ]

    @api.model
    def _crm_handover_open_work(self, user):
        """``[(label, count)]`` of the open work ``user`` still has, in every company (the
        counts are the system's: what is left must not depend on who looks)."""
        counts = []
        for source in self.new({"from_user_id": user.id})._crm_handover_sources():
            count = self.env[source["model"]].sudo().search_count(source["domain"])
            if count:
                counts.append((source["label"], count))
        return counts

    def _crm_handover_pieces(self):
        """The leaver's open work as the caller sees it: a list of dicts with the source,
        the record, its client (a res.partner or None) and its team (a crm.team or None; a
        piece without one takes its client's)."""
        self.ensure_one()
        companies = self.env.user.company_ids.ids
        pieces = []
        for source in self._crm_handover_sources():
            Model = self.env[source["model"]].with_context(
                active_test=True, allowed_company_ids=companies
            )
            records = Model.search(source["domain"], order="id")
            if source.get("client_field"):
                links = {
                    record.id: (
                        record.mapped(source["client_field"])[:1].commercial_partner_id,
                        record.mapped(source["team_field"])[:1]
                        if source.get("team_field")
                        else None,
                    )
                    for record in records
                }
            else:
                links = self._crm_handover_document_links(records)
            for record in records:
                client, team = links.get(record.id, (None, None))
                pieces.append(
                    {
                        "source": source,
                        "record": record,
                        "client": client or None,
                        "team": team or None,
                    }
                )
        # a piece without a team goes with its client's team (the first of his other work)
        client_team = {}
        for piece in pieces:
            if piece["client"] and piece["team"]:
                client_team.setdefault(piece["client"], piece["team"])
        for piece in pieces:
            if not piece["team"] and piece["client"]:
                piece["team"] = client_team.get(piece["client"])
        return pieces

    @api.model
    def _crm_handover_document_links(self, records):
        """``{id: (client, team)}`` of records attached to a document (``res_model``,
        ``res_id``): the document's client and team, read once per model."""
        by_model = defaultdict(set)
        for record in records:
            if record.res_model and record.res_id:
                by_model[record.res_model].add(record.res_id)
        docs = {}
        for model, ids in by_model.items():
            if model not in self.env:
                continue
            Doc = self.env[model].sudo()
            fields_ = Doc._fields
            for doc in Doc.browse(ids).exists():
                if model == "res.partner":
                    client = doc.commercial_partner_id
                elif "partner_id" in fields_ and fields_["partner_id"].comodel_name == (
                    "res.partner"
                ):
                    client = doc.partner_id.commercial_partner_id
                else:
                    client = None
                team = (
                    doc.team_id
                    if "team_id" in fields_ and fields_["team_id"].comodel_name == "crm.team"
                    else None
                )
                docs[model, doc.id] = (client, team)
        return {
            record.id: docs.get((record.res_model, record.res_id), (None, None))
            for record in records
        }

    # ------------------------------------------------------------------ computes

    @api.depends("from_user_id", "mode")
    def _compute_team_line_ids(self):
        """By team: one line per sales team of the leaver's work (and one for the work
        without a team), its successor the team leader when he can take it."""
        for wizard in self:
            if wizard.mode != "team" or not wizard.from_user_id:
                wizard.team_line_ids = [Command.clear()]
                continue
            kept = {line.team_id.id: line.target_user_id for line in wizard.team_line_ids}
            counts = defaultdict(int)
            for piece in wizard._crm_handover_pieces():
                counts[piece["team"] or self.env["crm.team"]] += 1
            commands = [Command.clear()]
            for team, count in sorted(counts.items(), key=lambda item: item[0].name or "~"):
                target = kept.get(team.id)
                if not target:
                    leader = team.user_id
                    target = (
                        leader
                        if leader.active and leader != wizard.from_user_id
                        else wizard.target_user_id
                    )
                commands.append(
                    Command.create(
                        {"team_id": team.id, "work_count": count, "target_user_id": target.id}
                    )
                )
            wizard.team_line_ids = commands

    @api.depends("line_ids.target_user_id", "line_ids.source_label")
    def _compute_summary(self):
        for wizard in self:
            counts = defaultdict(lambda: defaultdict(int))
            nobody = self.env._("Nobody")
            for line in wizard.line_ids:
                counts[line.target_user_id.display_name or nobody][line.source_label] += 1
            wizard.summary = Markup("").join(
                Markup("<li><b>%s</b>: %s</li>")
                % (
                    name,
                    ", ".join(
                        self.env._("%(label)s: %(count)s", label=label, count=count)
                        for label, count in kinds.items()
                    ),
                )
                for name, kinds in sorted(counts.items())
            )
            if wizard.summary:
                wizard.summary = Markup("<ul>%s</ul>") % wizard.summary

    @api.onchange("from_user_id", "mode", "target_user_id", "target_user_ids", "team_line_ids")
    def _onchange_forget_preview(self):
        """Changed choices make the preview stale: it is made again when asked."""
        self.line_ids = [Command.clear()]

    # ------------------------------------------------------------------ actions

    def _check_handover_rights(self):
        if not (self.env.su or self.env.user.has_group("sales_team.group_sale_manager")):
            raise AccessError(_("Only a sales administrator may hand an employee's work over."))

    def _crm_handover_targets(self, pieces):
        """``{(model, id): successor}`` by the wizard's mode."""
        self.ensure_one()
        leaver = self.from_user_id
        if self.mode == "all":
            targets = self.target_user_id
        elif self.mode in ("client", "even"):
            targets = self.target_user_ids
        else:
            targets = self.team_line_ids.target_user_id
        team_targets = {}
        if self.mode == "team":
            for line in self.team_line_ids:
                if not line.target_user_id:
                    raise UserError(
                        _(
                            "Choose who takes the work of %s.",
                            line.team_id.name or _("no sales team"),
                        )
                    )
                team_targets[line.team_id.id or None] = line.target_user_id
        elif not targets:
            raise UserError(_("Choose who takes %s's work.", leaver.name))
        self._check_successors(targets)
        triples = [
            (
                (p["record"]._name, p["record"].id),
                p["client"].id if p["client"] else None,
                p["team"].id if p["team"] else None,
            )
            for p in pieces
        ]
        try:
            return handover.allocate(triples, self.mode, list(targets), team_targets)
        except ValueError as error:
            # a team appeared since the lines were made
            raise UserError(
                _("The work has changed since the successors were chosen: choose them again.")
            ) from error

    def _check_successors(self, users):
        leaver = self.from_user_id
        for user in users:
            if user == leaver:
                raise UserError(_("%s cannot hand his work over to himself.", leaver.name))
            if not user.active or user.share:
                raise UserError(_("%s cannot take work: not an active internal user.", user.name))

    def _crm_handover_build_lines(self):
        self.ensure_one()
        pieces = self._crm_handover_pieces()
        targets = self._crm_handover_targets(pieces)
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "sequence": i,
                    "source_key": piece["source"]["key"],
                    "source_label": piece["source"]["label"],
                    "user_field": piece["source"]["user_field"],
                    "res_model": piece["record"]._name,
                    "res_id": piece["record"].id,
                    "res_name": piece["record"].display_name,
                    "partner_id": piece["client"].id if piece["client"] else False,
                    "team_id": piece["team"].id if piece["team"] else False,
                    "target_user_id": targets[piece["record"]._name, piece["record"].id].id,
                }
            )
            for i, piece in enumerate(pieces)
        ]
        return self.line_ids

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Hand Work Over"),
            "context": self.env.context,
        }

    def action_preview(self):
        """Fill the lines of what goes to whom; the consultant may change any of them."""
        self._check_handover_rights()
        self.ensure_one()
        self._crm_handover_build_lines()
        if not self.line_ids:
            raise UserError(_("%s has no open work to hand over.", self.from_user_id.name))
        return self._reopen()

    def action_handover(self):
        """Write the successor on every piece of work, log it, note it in the documents'
        chatter and, when asked, archive the employee."""
        self._check_handover_rights()
        self.ensure_one()
        leaver = self.from_user_id
        if self.archive_after and not leaver.has_access("write"):
            raise AccessError(
                _(
                    "Only an administrator of users may archive %s: untick "
                    "“Archive the Employee Afterwards” or ask him.",
                    leaver.name,
                )
            )
        lines = self.line_ids or self._crm_handover_build_lines()
        self._check_successors(lines.target_user_id)
        if any(not line.target_user_id for line in lines):
            raise UserError(_("Choose a successor on every line."))
        hand_overs = {
            (source["model"], source["user_field"]): source["hand_over"]
            for source in self._crm_handover_sources()
            if source.get("hand_over")
        }
        groups = defaultdict(list)
        for line in lines:
            groups[line.res_model, line.user_field, line.target_user_id].append(line)
        logs = []
        for (model, user_field, target), group in groups.items():
            by_id = {line.res_id: line for line in group}
            records = self.env[model].browse(list(by_id)).exists()
            records = records.filtered(lambda r, f=user_field: r[f] == leaver)
            if not records:
                continue
            hand_over = hand_overs.get((model, user_field))
            if hand_over:  # the documents' own way of changing hands (route-map tasks)
                getattr(records, hand_over)(target)
            else:
                records.write({user_field: target.id})
            logs += [
                {
                    "kind": "handover",
                    "user_id": leaver.id,
                    "target_user_id": target.id,
                    "work_kind": by_id[record.id].source_key,
                    "res_model": model,
                    "res_id": record.id,
                    "res_name": record.display_name,
                }
                for record in records
            ]
            if hasattr(records, "_message_log_batch"):
                note = _(
                    "Handed over from %(from)s to %(to)s by %(by)s.",
                    **{"from": leaver.name, "to": target.name, "by": self.env.user.name},
                )
                records._message_log_batch(bodies=dict.fromkeys(records.ids, note))
        self.env["crm.access.log"].sudo().create(logs)
        if self.archive_after:
            left = self._crm_handover_open_work(leaver)
            if left:
                raise UserError(
                    _(
                        "%(user)s still has work you cannot see (another company?): "
                        "%(work)s. Hand it over from there before archiving him.",
                        user=leaver.name,
                        work="; ".join(f"{label}: {count}" for label, count in left),
                    )
                )
            leaver.with_context(**{HANDOVER_ARCHIVE_KEY: True}).action_archive()
        message = _(
            "%(count)s pieces of %(user)s's work handed over.", count=len(logs), user=leaver.name
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class CrmAccessHandoverTeam(models.TransientModel):
    _name = "crm.access.handover.team"
    _description = "Hand Work Over: Successor per Team"
    _order = "id"

    wizard_id = fields.Many2one(
        "crm.access.handover", required=True, ondelete="cascade", index=True
    )
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    work_count = fields.Integer("Pieces of Work", readonly=True)
    target_user_id = fields.Many2one("res.users", "Successor", domain="[('share', '=', False)]")


class CrmAccessHandoverLine(models.TransientModel):
    _name = "crm.access.handover.line"
    _description = "Hand Work Over: What Goes Where"
    # shown grouped: each successor's work together, by kind
    _order = "target_user_id, sequence, id"

    wizard_id = fields.Many2one(
        "crm.access.handover", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    source_key = fields.Char(readonly=True)
    source_label = fields.Char("Kind of Work", readonly=True)
    user_field = fields.Char(readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", readonly=True)
    res_name = fields.Char("Document", readonly=True)
    partner_id = fields.Many2one("res.partner", "Client", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    target_user_id = fields.Many2one(
        "res.users", "Successor", required=True, domain="[('share', '=', False)]"
    )
