from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    # A salesman's client rule keeps the clients whose salesperson his view reaches, those
    # without one and the company's own people: with these two indexes PostgreSQL reads them
    # as three index scans instead of scanning every partner (a list's count over 100,000
    # clients: 19 -> 0.5 ms, bench/client_access.py).
    user_id = fields.Many2one(index=True)
    _crm_access_internal_index = models.Index("(id) WHERE partner_share IS NOT TRUE")

    crm_access_my_interest_client = fields.Boolean(
        string="Client of My Interests",
        compute="_compute_crm_access_my_interest_client",
        search="_search_crm_access_my_interest_client",
        help="The client of one of the current user's interests whose salesperson his view "
        "does not reach: he reads the card (those it reaches he reads anyway).",
    )
    # the client rule's whole question in one field: Odoo's check in Python of every list
    # read evaluates one condition per card instead of four through the salesperson (it cost
    # 3 times native's check, bench/client_access.py); the search is the same four clauses
    crm_access_card_readable = fields.Boolean(
        string="Card in My View",
        compute="_compute_crm_access_card_readable",
        search="_search_crm_access_card_readable",
        help="The current user reads this card: nobody's client, the company's own people, "
        "a client whose salesperson his view reaches or the client of one of his interests "
        "(every card, unless the company restricts the client list).",
    )

    def _crm_access_my_interest_client_ids(self):
        """The clients of the current user's interests (archived ones included, as a search
        through the client's interests has them) whose salesperson his view does not reach,
        read once per transaction (see res.users._crm_access_cached; a client given to
        another salesperson drops it).

        Those his view reaches are left out (the rule's salesperson clause reads them): a
        salesman's interests are mostly with his own clients, and with them the constants of
        this clause made PostgreSQL read his client list page by walking the whole table
        instead of through the salesperson's index. Only his interests whose client has
        another salesperson are read, through crm.lead's partial index (bench/client_access.py).
        """
        Users = self.env["res.users"]
        company = self.env.company
        if not company.crm_access_clients or company.crm_access_scope == "all":
            return frozenset()  # every card is read (res.users.crm_access_card_in_view)
        uid = self.env.uid

        def compute(now):
            self.flush_model(["user_id"])
            self.env["crm.lead"].flush_model(
                ["partner_id", "type", "user_id", "crm_access_client_elsewhere"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT ARRAY(
                        SELECT DISTINCT l.partner_id
                          FROM crm_lead l JOIN res_partner c ON c.id = l.partner_id
                         WHERE l.user_id = %s AND l.crm_access_client_elsewhere
                           AND l.type = 'opportunity' AND c.user_id <> ALL(%s::int[]))
                    """,
                    uid,
                    list(Users._crm_access_user_ids([uid], "sales")),
                )
            )
            return frozenset(self.env.cr.fetchone()[0]), None

        return Users._crm_access_cached(("interest_clients", uid), compute)

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_card_readable(self):
        company = self.env.company
        if not company.crm_access_clients or company.crm_access_scope == "all":
            for partner in self:
                partner.crm_access_card_readable = True
            return
        reach = set(self.env["res.users"]._crm_access_user_ids([self.env.uid], "sales"))
        mine = self._crm_access_my_interest_client_ids()
        for partner in self:
            salesperson = partner.user_id.id
            partner.crm_access_card_readable = (
                not salesperson
                or salesperson in reach
                or not partner.partner_share
                or partner.id in mine
            )

    def _search_crm_access_card_readable(self, operator, value):
        """The four clauses, kept optimized for the transaction."""
        if operator != "in" or set(value) != {True}:
            return NotImplemented
        return self.env["res.users"]._crm_access_rule_domain(
            "card_domain",
            self,
            [
                Domain("user_id", "=", False),
                Domain("partner_share", "=", False),
                Domain("user_id.crm_access_card_in_view", "=", True),
                Domain("crm_access_my_interest_client", "=", True),
            ],
        )

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_my_interest_client(self):
        mine = self._crm_access_my_interest_client_ids()
        for partner in self:
            partner.crm_access_my_interest_client = partner.id in mine

    def _search_crm_access_my_interest_client(self, operator, value):
        """The clients themselves, as constants (see res.users._crm_access_reach): in the
        client rule's OR a subquery on the interests kept PostgreSQL from reading the clients
        through their indexes (every client scanned for a salesman's count, with the JIT
        compiler on top: bench/client_access.py)."""
        if operator != "in":
            return NotImplemented
        mine = self.env["res.users"]._crm_access_cached(
            ("interest_clients_domain", self.env.uid),
            lambda now: (
                Domain("id", "in", sorted(self._crm_access_my_interest_client_ids())).optimize_full(
                    self.sudo()
                ),
                None,
            ),
        )
        if True in value and False in value:
            return Domain.TRUE
        return mine if True in value else ~mine

    def write(self, vals):
        """Where the client list is restricted, a salesman does not give a client to someone
        outside his own view: the card would leave his view in the middle of the save (Odoo
        and the addons read a card after writing it). His head or a sales administrator
        hands it over (Hand Work Over) instead; he is told so."""
        user_id = vals.get("user_id")
        if user_id and not self.env.su and self.env.company.crm_access_clients:
            user = self.env.user
            exempt = user.has_group("sales_team.group_sale_salesman_all_leads") or not (
                user.has_group("sales_team.group_sale_salesman")
            )
            Users = self.env["res.users"]
            if not exempt and not Users.search_count(
                [("id", "=", user_id), ("crm_access_viewer_ids", "in", [user.id])], limit=1
            ):
                raise UserError(
                    _(
                        "%(user)s is outside your view of clients: once responsible for "
                        "%(clients)s, the card would leave your view. Ask your head or a sales "
                        "administrator to hand it over.",
                        user=Users.browse(user_id).sudo().name,
                        clients=", ".join(self.mapped("display_name")),
                    )
                )
        if "user_id" in vals:  # the clients of his interests his view does not reach
            self.env["crm.access.reach.mixin"]._crm_access_reset()
        result = super().write(vals)
        if "user_id" in vals:
            self.env["crm.access.reach.mixin"]._crm_access_reset()
        return result
