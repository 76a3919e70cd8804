from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from .crm_access_reach import refuse_derived_writes


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the hand-over and the clients of a salesperson are found by him
    user_id = fields.Many2one(index=True)

    # The client rule reads the cards everyone reads (nobody's client, the company's own
    # people: -1, not 0, which Odoo reads in a list as "or empty", an OR PostgreSQL cannot
    # read from the index alone) and those of the salespeople his view reaches through this
    # one column: one list of constants, where the same as three clauses ORed made
    # PostgreSQL scan the table for a head's count of his 25,000 clients; with the columns
    # of the list's other conditions (Odoo's company rule, archiving, companies) in its
    # index, the count reads the index alone (10 -> 3 ms, bench/client_access.py).
    crm_access_card_key = fields.Integer(
        string="Card Read By",
        compute="_compute_crm_access_card_key",
        store=True,
        help="The client's salesperson (the users whose view reaches him read the card), or -1 "
        "when every user reads it (nobody's client, the company's own people).",
    )
    _crm_access_card_key_index = models.Index(
        "(crm_access_card_key) INCLUDE (active, is_company, company_id, partner_share)"
    )

    crm_access_my_interest_client = fields.Boolean(
        string="Client of My Interests",
        compute="_compute_crm_access_my_interest_client",
        search="_search_crm_access_my_interest_client",
        help="The client of one of the current user's interests whose salesperson his view "
        "does not reach: he reads the card (those it reaches he reads anyway).",
    )
    # the client rule's whole question in one field: Odoo's check in Python of every list
    # read evaluates one condition per card instead of four through the salesperson (it cost
    # 3 times native's check, bench/client_access.py); the search is the same question in
    # two clauses (the card's key, the clients of his interests)
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

        Those his view reaches are left out (the rule's clause on the card's key reads them): a
        salesman's interests are mostly with his own clients, and with them the constants of
        this clause made PostgreSQL read his client list page by walking the whole table
        instead of through the salesperson's index. Only his interests whose client has
        another salesperson are read, through crm.lead's partial index (bench/client_access.py).
        """
        Users = self.env["res.users"]
        if self._crm_access_cards_open():
            return frozenset()
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

    def _auto_init(self):
        # on a database with clients, filled in one statement (the ORM would compute each)
        if not column_exists(self.env.cr, "res_partner", "crm_access_card_key"):
            create_column(self.env.cr, "res_partner", "crm_access_card_key", "int4")
            self._crm_access_fill_card_key()
        return super()._auto_init()

    def init(self):
        """Tell PostgreSQL how the card's key goes with the companies filter: the cards
        everyone reads are mostly people, a salesperson's are his companies. Without it the
        planner counts the people among a salesman's companies, expects twice his clients,
        and reads his first page by walking the name index past some 18,000 companies (5 ms)
        instead of reading his 431 clients (0.8 ms, bench/client_access.py). The statistics
        keep every pair of key and companies filter (one per salesperson, up to 1,000)."""
        super().init()
        cr = self.env.cr
        cr.execute(
            "SELECT 1 FROM pg_statistic_ext WHERE stxname = 'res_partner_crm_access_card_key'"
        )
        if not cr.rowcount:
            cr.execute(
                """
                CREATE STATISTICS res_partner_crm_access_card_key (mcv)
                    ON (is_company IS TRUE), crm_access_card_key FROM res_partner;
                ALTER STATISTICS res_partner_crm_access_card_key SET STATISTICS 1000;
                ANALYZE res_partner;
                """
            )

    @api.model
    def _crm_access_fill_card_key(self):
        """Set the key of the clients inserted by SQL (the module's install, benches)."""
        self.env.cr.execute(
            """
            UPDATE res_partner
               SET crm_access_card_key =
                   COALESCE(CASE WHEN partner_share IS TRUE THEN user_id END, -1)
             WHERE crm_access_card_key IS NULL
            """
        )

    @api.depends("user_id", "partner_share")
    def _compute_crm_access_card_key(self):
        for partner in self:
            partner.crm_access_card_key = (partner.partner_share and partner.user_id.id) or -1

    @api.model
    def _crm_access_cards_open(self):
        """Every user reads every card: the company does not restrict the client list, or
        its visibility is "all"."""
        company = self.env.company
        return not company.crm_access_clients or company.crm_access_scope == "all"

    @api.depends_context("uid", "company", "crm_access_no_deputies")
    def _compute_crm_access_card_readable(self):
        if self._crm_access_cards_open():
            for partner in self:
                partner.crm_access_card_readable = True
            return
        reach = set(self.env["res.users"]._crm_access_user_ids([self.env.uid], "sales"))
        mine = self._crm_access_my_interest_client_ids()
        reach.add(-1)
        for partner in self:
            partner.crm_access_card_readable = (
                partner.crm_access_card_key in reach or partner.id in mine
            )

    def _search_crm_access_card_readable(self, operator, value):
        """The cards everyone reads, those of the salespeople his view reaches and the
        clients of his interests, kept optimized for the transaction."""
        if operator != "in" or set(value) != {True}:
            return NotImplemented
        if self._crm_access_cards_open():
            return Domain.TRUE
        Users = self.env["res.users"]
        reach = Users._crm_access_user_ids([self.env.uid], "sales")
        return Users._crm_access_rule_domain(
            "card_domain",
            self,
            [
                Domain("crm_access_card_key", "in", [-1, *reach]),
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
        refuse_derived_writes(self, vals, ["crm_access_card_key"])
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
