from datetime import datetime

from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL

from .crm_access_reach import CACHE_KEY

# the field of res.users that says who sees a user's work of each kind a deputy's line
# covers: sales work (clients, interests, interactions, activities, route-map tasks) or
# claims ("calls" only routes the popup and new calls)
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

    # the same question asked of the current user's view: a record rule's check in Python
    # of the rows read (Odoo's access check of every list) answers them from the reach the
    # rule's search read, where "who sees him" computed every viewer of every salesperson of
    # the page (bench/client_access.py)
    crm_access_in_view = fields.Boolean(
        string="In My View",
        compute="_compute_crm_access_in_view",
        search="_search_crm_access_in_view",
        help="The current user's view reaches this user's clients, interests and tasks.",
    )

    # an employee given to another user or archived changes the reach kept for the
    # transaction (hr.employee itself is left as Odoo makes it): the ORM marks this to compute
    crm_access_employee_stamp = fields.Boolean(
        "Employee Link Changed", compute="_compute_crm_access_employee_stamp", store=True
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
        # the domain itself is kept, optimized: each query built with the rules reuses it
        # instead of checking the ids again (bench/client_access.py)
        return self._crm_access_cached(
            ("domain", tuple(sorted(viewer_ids)), kind),
            lambda now: (
                Domain("id", "in", self._crm_access_user_ids(viewer_ids, kind)).optimize_full(
                    self.sudo()
                ),
                None,
            ),
        )

    @api.model
    def _crm_access_cached(self, key, compute):
        """``compute(now)``, kept for the transaction under ``key`` (and the company, its
        visibility and whether deputies count). ``compute`` returns the value and the moment
        it may change by itself (an absence begins or ends), or None.

        A record rule's search runs each time a query is built (a list's search, its count,
        Odoo's access checks of the rows read, the searches of the computed columns): the
        reach read once per request instead of 6 to 7 times (bench/client_access.py). Any
        change to what it is made of (crm.access.reach.mixin: departments, employees, teams,
        absences, interests) drops it, as do a commit, a rollback and the moment an absence
        begins or ends."""
        now = fields.Datetime.now()
        stamp = self._fields["crm_access_employee_stamp"]
        if self.env.records_to_compute(stamp):  # an employee changed: computed (and reset)
            self.sudo().flush_model(["crm_access_employee_stamp"])
        cache = self.env.cr.cache.get(CACHE_KEY)
        if cache is None or not cache["from"] <= now < cache["until"]:
            cache = self.env.cr.cache[CACHE_KEY] = {"from": now, "until": datetime.max}
        company = self.env.company
        key = (
            *key,
            company.id,
            company.crm_access_scope,
            bool(self.env.context.get("crm_access_no_deputies")),
        )
        if key not in cache:
            cache[key], until = compute(now)
            cache["until"] = min(cache["until"], until or datetime.max)
        return cache[key]

    @api.model
    def _crm_access_reach(self, viewer_ids, kind):
        """(user ids, team ids): the users whose work one of ``viewer_ids`` sees now, and the
        teams they lead, kept for the transaction (``_crm_access_cached``) and across
        requests (``_crm_access_reach_shared``).

        The queries then hold them as lists of constants: PostgreSQL plans them in a fraction
        of a millisecond and reads the interests and clients through the salesperson's (and
        the team's) index with exact estimates, where the same reach as a subquery in each
        clause of the rules cost 3 to 25 ms of planning per query and a scan of every
        interest (bench/client_access.py)."""
        viewers = tuple(sorted(viewer_ids))

        def compute(now):
            company = self.env.company
            key = (
                viewers,
                kind,
                company.id,
                company.crm_access_scope or "team",
                bool(self.env.context.get("crm_access_no_deputies")),
            )
            reach, until = self._crm_access_reach_shared(*key)
            if until <= now:  # an absence began or ended since it was read
                self.env.registry.clear_cache()
                reach, until = self._crm_access_reach_shared(*key)
            return reach, until

        return self._crm_access_cached(("reach", viewers, kind), compute)

    @api.model
    @tools.ormcache("viewers", "kind", "company_id", "scope", "no_deputies")
    def _crm_access_reach_shared(self, viewers, kind, company_id, scope, no_deputies):
        """The reach and the next moment an absence begins or ends, read in one query and
        kept in Odoo's cache across requests until then: a client list no longer plans and
        runs that query at each request (2.5 ms, bench/client_access.py). Any change of what
        it is read from clears Odoo's cache in every worker (crm.access.reach.mixin, and
        crm_access_employee_stamp for an employee's user); the arguments are the current
        company's and context's, part of the key."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                WITH p AS (%(pairs)s)
                SELECT ARRAY(SELECT DISTINCT user_id FROM p),
                       ARRAY(SELECT id FROM crm_team WHERE user_id IN (SELECT user_id FROM p)),
                       (SELECT min(b) FROM crm_access_absence a,
                               LATERAL (VALUES (a.date_from), (a.date_to)) v(b)
                         WHERE a.state = 'confirmed' AND b > %(now)s)
                """,
                pairs=self._crm_access_pairs_sql(list(viewers), kind, now=now),
                now=now,
            )
        )
        user_ids, team_ids, until = self.env.cr.fetchone()
        return (tuple(user_ids), tuple(team_ids)), until or datetime.max

    @api.model
    def _crm_access_rule_domain(self, name, model, clauses):
        """A rule's clauses for the current user, ORed and optimized once per transaction
        (each query built with the rule reuses them instead of resolving them again)."""
        return self._crm_access_cached(
            (name, self.env.uid),
            lambda now: (Domain.OR(clauses).optimize_full(model.sudo()), None),
        )

    @api.model
    def _crm_access_user_ids(self, viewer_ids, kind):
        """The ids of the users whose work one of ``viewer_ids`` sees now."""
        return self._crm_access_reach(viewer_ids, kind)[0]

    @api.depends("employee_ids", "employee_ids.active")
    def _compute_crm_access_employee_stamp(self):
        self.env["crm.access.reach.mixin"]._crm_access_reset(shared=True)
        for user in self:
            user.crm_access_employee_stamp = True

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_in_view(self):
        company = self.env.company
        if company.crm_access_scope == "all":
            reach = set(self.ids)
        else:
            reach = set(self._crm_access_user_ids([self.env.uid], "sales"))
        for user in self:
            user.crm_access_in_view = user.id in reach

    def _search_crm_access_in_view(self, operator, value):
        if operator != "in":
            return NotImplemented
        mine = self._search_crm_access_viewers("in", [self.env.uid], "sales")
        if True in value and False in value:
            return Domain.TRUE
        return mine if True in value else ~mine

    def _search_crm_access_viewer_ids(self, operator, value):
        return self._search_crm_access_viewers(operator, value, "sales")

    def _search_crm_access_claim_viewer_ids(self, operator, value):
        return self._search_crm_access_viewers(operator, value, "claims")

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
