from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

# what a deputy's line covers: visibility of sales work (clients, interests, interactions,
# activities, route-map tasks) or of claims; "calls" only routes the popup and new calls
VISIBILITY_KINDS = ("sales", "claims")
# the field of res.users that says who sees a user's work of each of those kinds
VIEWER_FIELDS = {"sales": "crm_access_viewer_ids", "claims": "crm_access_claim_viewer_ids"}


def _viewer_ids(value):
    """The user ids of a search value (an id, a list or a set of ids)."""
    values = [value] if isinstance(value, int) else list(value or [])
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_access_viewer_ids = fields.Many2many(
        "res.users",
        string="Who Sees His Clients",
        compute="_compute_crm_access_viewer_ids",
        search="_search_crm_access_viewer_ids",
        help="The users who see this user's clients, interests, interactions and tasks: he "
        "himself, his team leader or the heads of his department and of the departments above "
        "it (as the company's client visibility says), whoever deputises for one of them now, "
        "and the sales administrators.",
    )
    crm_access_claim_viewer_ids = fields.Many2many(
        "res.users",
        string="Who Sees His Claims",
        compute="_compute_crm_access_claim_viewer_ids",
        search="_search_crm_access_claim_viewer_ids",
    )

    crm_access_client_viewer_ids = fields.Many2many(
        "res.users",
        string="Who Reads His Client Cards",
        compute="_compute_crm_access_client_viewer_ids",
        search="_search_crm_access_client_viewer_ids",
        help="Everyone, unless the company restricts the client list.",
    )

    # ------------------------------------------------------------------ the one SQL of access

    @api.model
    def _crm_access_pairs_sql(self, viewer_ids, kind, now=None):
        """(viewer_id, user_id) pairs: whose work each viewer sees under the current company's
        client visibility, deputies included. ``viewer_ids`` is an SQL array or a list."""
        scope = self.env.company.crm_access_scope or "team"
        self._crm_access_flush()
        now = now or fields.Datetime.now()
        viewers = viewer_ids if isinstance(viewer_ids, SQL) else SQL("%s::int[]", list(viewer_ids))
        # whose view each viewer holds: his own, and that of each user he deputises for now
        acting = SQL(
            """
            SELECT v AS viewer_id, v AS as_id FROM unnest(%(viewers)s) v
            UNION
            SELECT l.deputy_id, a.user_id
              FROM crm_access_absence a
              JOIN crm_access_absence_line l ON l.absence_id = a.id
             WHERE l.deputy_id = ANY(%(viewers)s) AND l.kind IN ('all', %(kind)s)
               AND a.state = 'confirmed' AND a.date_from <= %(now)s AND a.date_to > %(now)s
            """,
            viewers=viewers,
            kind=kind,
            now=now,
        )
        if self.env.context.get("crm_access_no_deputies"):  # his own reach only
            acting = SQL("SELECT v AS viewer_id, v AS as_id FROM unnest(%s) v", viewers)
        parts = [SQL("SELECT viewer_id, as_id AS user_id FROM acting")]
        if scope in ("team", "department"):
            parts.append(
                SQL(
                    """
                    SELECT ac.viewer_id, m.user_id
                      FROM acting ac
                      JOIN crm_team t ON t.user_id = ac.as_id AND t.active
                      JOIN crm_team_member m ON m.crm_team_id = t.id AND m.active
                    """
                )
            )
        if scope == "department":
            parts.append(
                SQL(
                    """
                    SELECT ac.viewer_id, e.user_id
                      FROM acting ac
                      JOIN hr_employee mgr ON mgr.user_id = ac.as_id
                      JOIN hr_department h ON h.manager_id = mgr.id AND h.active
                      JOIN hr_department d ON d.parent_path LIKE h.parent_path || '%%'
                      JOIN hr_version ver ON ver.department_id = d.id
                      JOIN hr_employee e ON e.current_version_id = ver.id
                     WHERE e.active AND e.user_id IS NOT NULL
                    """
                )
            )
        return SQL(
            "WITH acting AS (%s) %s",
            acting,
            SQL(" UNION ").join(parts),
        )

    @api.model
    def _crm_access_flush(self):
        """The reach is read in SQL: what was changed in this transaction is written first."""
        for model, fnames in (
            ("crm.access.absence", ["user_id", "state", "date_from", "date_to"]),
            ("crm.access.absence.line", ["absence_id", "deputy_id", "kind"]),
            ("crm.team", ["user_id", "active"]),
            ("crm.team.member", ["user_id", "crm_team_id", "active"]),
            ("hr.department", ["manager_id", "parent_path", "active"]),
            ("hr.employee", ["user_id", "current_version_id", "active"]),
            ("hr.version", ["department_id"]),
        ):
            self.env[model].flush_model(fnames)

    def _search_crm_access_viewers(self, operator, value, kind):
        if operator not in ("in", "any"):
            return NotImplemented
        if self.env.company.crm_access_scope == "all":
            return Domain.TRUE
        viewer_ids = _viewer_ids(value)
        if not viewer_ids:
            return Domain.FALSE
        return Domain("id", "in", self._crm_access_user_ids(viewer_ids, kind))

    @api.model
    def _crm_access_user_ids(self, viewer_ids, kind):
        """The ids of the users whose work one of ``viewer_ids`` sees now.

        Read when the query that uses them is built, which is when it runs: a record rule's
        search is not cached. The query then holds them as a list of constants: PostgreSQL
        plans it in a fraction of a millisecond and reads the interests and clients through
        the salesperson's index with exact estimates, where the same reach as a subquery in
        each clause of the rules cost 3 to 25 ms of planning per query and a scan of every
        interest (bench/client_access.py)."""
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT user_id FROM (%s) p",
                self._crm_access_pairs_sql(viewer_ids, kind),
            )
        )
        return [user_id for (user_id,) in self.env.cr.fetchall()]

    def _search_crm_access_viewer_ids(self, operator, value):
        return self._search_crm_access_viewers(operator, value, "sales")

    def _search_crm_access_claim_viewer_ids(self, operator, value):
        return self._search_crm_access_viewers(operator, value, "claims")

    def _search_crm_access_client_viewer_ids(self, operator, value):
        """Every card is read by all unless the company restricts the client list (then the
        rule's other clause, the sales reach, decides)."""
        if operator not in ("in", "any"):
            return NotImplemented
        return Domain.FALSE if self.env.company.crm_access_clients else Domain.TRUE

    @api.depends_context("company")
    def _compute_crm_access_client_viewer_ids(self):
        for user in self:
            user.crm_access_client_viewer_ids = (
                user.crm_access_viewer_ids
                if self.env.company.crm_access_clients
                else self.env["res.users"].search([("share", "=", False)])
            )

    @api.depends_context("company", "uid")
    def _compute_crm_access_viewer_ids(self):
        self._crm_access_compute_viewers("crm_access_viewer_ids", "sales")

    @api.depends_context("company", "uid")
    def _compute_crm_access_claim_viewer_ids(self):
        self._crm_access_compute_viewers("crm_access_claim_viewer_ids", "claims")

    def _crm_access_compute_viewers(self, fname, kind):
        """Who sees each user's work of ``kind``: every user whose view reaches him, and the
        users with all documents.

        The record rules' access checks on documents already read (filtered_domain, at each
        read of a list) compute it for every salesperson of the page: one query for all of
        them, and the values go to the cache at once (one assignment per user cost more than
        the rest of a client list, bench/client_access.py)."""
        Users = self.env["res.users"].sudo()

        def users_of(group):
            return Users.search([("share", "=", False), ("all_group_ids", "in", group.ids)])

        # every internal user may be a viewer: a claims user who is no salesman sees his own
        # claims (the rules' check in Python reads this field)
        viewers = Users.search([("share", "=", False)])
        all_docs = set(users_of(self.env.ref("sales_team.group_sale_salesman_all_leads")).ids)
        if self.env.company.crm_access_scope == "all":
            seen = dict.fromkeys(self.ids, viewers.ids)
        else:
            self.env.cr.execute(
                SQL(
                    "SELECT user_id, array_agg(DISTINCT viewer_id) FROM (%s) p"
                    " WHERE user_id = ANY(%s) GROUP BY user_id",
                    self._crm_access_pairs_sql(viewers.ids, kind),
                    self.ids,
                )
            )
            seen = dict(self.env.cr.fetchall())
        self._fields[fname]._insert_cache(
            self, [tuple(sorted(all_docs.union(seen.get(uid, ())))) for uid in self._ids]
        )
