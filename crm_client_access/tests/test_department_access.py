from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AccessCase


@tagged("post_install", "-at_install")
class TestDepartmentAccess(AccessCase):
    def test_department_scope_follows_the_tree(self):
        self.set_scope("department")
        ids = lambda *users: {u.id for u in users}  # noqa: E731
        # the head of Moscow: his department and Moscow-1 below it, not St Petersburg
        self.assertEqual(self.owners(self.head_msk), ids(self.head_msk, self.s_msk, self.s_msk1))
        # the director heads the top: everyone below
        self.assertEqual(
            self.owners(self.director),
            ids(self.director, self.head_msk, self.s_msk, self.s_msk1, self.s_spb),
        )
        # a salesman: his own only
        self.assertEqual(self.owners(self.s_msk1), ids(self.s_msk1))
        self.assertEqual(self.owners(self.head_spb), ids(self.s_spb))
        # clients the same
        clients = self.env["res.partner"].browse([p.id for p in self.clients.values()])
        seen = self.env["res.partner"].with_user(self.head_msk).search([("id", "in", clients.ids)])
        self.assertEqual(
            set(seen.mapped("user_id").ids), ids(self.head_msk, self.s_msk, self.s_msk1)
        )
        with self.assertRaises(AccessError):
            self.clients[self.s_spb].with_user(self.head_msk).read(["name"])
        with self.assertRaises(AccessError):
            self.leads[self.s_spb].with_user(self.head_msk).write({"name": "чужой"})

    def test_a_move_to_another_department_changes_the_view_at_once(self):
        self.set_scope("department")
        self.assertIn(self.leads[self.s_msk1], self.seen(self.head_msk))
        self.employees[self.s_msk1].department_id = self.dep_spb
        self.assertNotIn(self.leads[self.s_msk1], self.seen(self.head_msk))
        self.assertIn(self.leads[self.s_msk1], self.seen(self.head_spb))
        # a new head of Moscow sees it, the old one no longer (nor through his team, emptied)
        self.team.member_ids = False
        self.dep_msk.manager_id = self.employees[self.head_spb]
        self.assertIn(self.leads[self.s_msk], self.seen(self.head_spb))
        self.assertNotIn(self.leads[self.s_msk], self.seen(self.head_msk))

    def test_the_reach_kept_for_the_transaction_follows_each_change(self):
        """The reach is read once per transaction (res.users._crm_access_cached): every
        change of what it is made of shows at once, within the same transaction."""
        self.set_scope("department")
        lead, client = self.leads[self.s_msk1], self.clients[self.s_msk1]
        self.assertIn(lead, self.seen(self.head_msk))
        self.assertIn(client, self.seen(self.head_msk, "res.partner", client))
        # the head's employee is given to another user: the view goes with it
        new_head = new_test_user(
            self.env,
            "ca_new_head",
            groups="sales_team.group_sale_salesman",
            name="Новый руководитель",
            context={"no_reset_password": True},
        )
        self.employees[self.head_msk].user_id = new_head
        self.assertNotIn(lead, self.seen(self.head_msk))
        self.assertNotIn(client, self.seen(self.head_msk, "res.partner", client))
        self.assertIn(lead, self.seen(new_head))
        # the subordinate's employee archived: he is no longer below anybody
        self.employees[self.s_msk1].active = False
        self.assertNotIn(lead, self.seen(new_head))
        self.assertNotIn(client, self.seen(new_head, "res.partner", client))
        self.employees[self.s_msk1].active = True
        self.assertIn(client, self.seen(new_head, "res.partner", client))
        # a department moved under St Petersburg: its head sees it from now on
        self.assertNotIn(lead, self.seen(self.head_spb))
        self.dep_msk1.parent_id = self.dep_spb
        self.assertIn(lead, self.seen(self.head_spb))
        self.assertNotIn(lead, self.seen(new_head))

    def test_the_reach_kept_across_requests_follows_each_change(self):
        """The reach is kept across requests in Odoo's cache (the next request reads it
        without a query); a change of what it is made of clears that cache, so the next
        request sees the change, while a change of an employee's other data keeps it."""
        self.set_scope("department")
        Users = self.env["res.users"].with_user(self.head_msk)
        lead = self.leads[self.s_msk1]
        self.assertIn(lead, self.seen(self.head_msk))
        self.env.cr.cache.clear()  # what the next request starts with
        with self.assertQueryCount(0):
            self.assertIn(self.s_msk1.id, Users._crm_access_user_ids([self.head_msk.id], "sales"))
        self.employees[self.s_msk1].job_title = "Старший менеджер"
        self.env.cr.cache.clear()
        with self.assertQueryCount(0):
            Users._crm_access_user_ids([self.head_msk.id], "sales")
        self.employees[self.s_msk1].department_id = self.dep_spb
        self.env.cr.cache.clear()
        self.assertNotIn(lead, self.seen(self.head_msk))
        self.assertIn(lead, self.seen(self.head_spb))
        # a team given to another leader: the same
        self.team.user_id = self.head_spb
        self.env.cr.cache.clear()
        self.assertIn(self.leads[self.s_msk], self.seen(self.head_spb))

    def test_own_only_cuts_the_team_leaders_view(self):
        self.leads[self.s_msk].team_id = self.team
        self.set_scope("team")
        self.assertIn(self.leads[self.s_msk], self.seen(self.head_msk))
        self.set_scope("own")
        self.assertEqual(self.owners(self.head_msk), {self.head_msk.id})
        # the interest's children follow it
        Participant = self.env["crm.interest.participant"]
        line = Participant.create(
            {"lead_id": self.leads[self.s_msk].id, "partner_id": self.clients[self.s_msk].id}
        )
        self.assertFalse(Participant.with_user(self.head_msk).search([("id", "=", line.id)]))
        self.assertTrue(Participant.with_user(self.s_msk).search([("id", "=", line.id)]))

    def test_all_and_the_sales_administrator(self):
        self.set_scope("all")
        self.assertEqual(len(self.seen(self.s_msk1)), len(self.leads))
        self.set_scope("own")
        self.assertEqual(len(self.seen(self.admin_sales)), len(self.leads))
        self.assertEqual(self.owners(self.s_spb), {self.s_spb.id})

    def test_an_open_client_list_keeps_the_cards_readable_but_not_the_work(self):
        self.set_scope("department")
        self.company.crm_access_clients = False
        card = self.clients[self.s_spb].with_user(self.head_msk)
        self.assertEqual(card.name, self.clients[self.s_spb].name)
        self.assertNotIn(self.leads[self.s_spb], self.seen(self.head_msk))

    def test_a_salesman_gives_a_client_only_within_his_view(self):
        """Within his view (his head's department) the client changes hands; outside it he is
        told to ask his head, and nothing changes."""
        self.set_scope("department")
        card = self.clients[self.head_msk].with_user(self.head_msk)
        card.write({"user_id": self.s_msk1.id, "comment": "Передан"})
        self.assertEqual(self.clients[self.head_msk].user_id, self.s_msk1)
        mine = self.clients[self.s_msk1].with_user(self.s_msk1)
        with self.assertRaisesRegex(UserError, "outside your view"):
            mine.write({"user_id": self.s_spb.id})
        self.assertEqual(self.clients[self.s_msk1].user_id, self.s_msk1)
        # the head above hands it over
        self.clients[self.s_msk1].with_user(self.director).write({"user_id": self.s_spb.id})
        self.assertEqual(self.clients[self.s_msk1].user_id, self.s_spb)

    def test_another_company_sees_nothing(self):
        self.set_scope("all")
        self.assertFalse(self.seen(self.s_other))
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.s_other)
            .search([("id", "in", [p.id for p in self.clients.values()])])
        )

    def test_interactions_follow_the_client(self):
        self.set_scope("department")
        Interaction = self.env["crm.interaction"]
        rows = Interaction.create(
            [
                {"name": "Звонок", "partner_id": self.clients[u].id, "user_id": u.id}
                for u in (self.s_msk1, self.s_spb)
            ]
        )
        seen = Interaction.with_user(self.head_msk).search([("id", "in", rows.ids)])
        self.assertEqual(seen.user_id, self.s_msk1)
        self.assertEqual(
            Interaction.with_user(self.director).search_count([("id", "in", rows.ids)]), 2
        )

    def test_the_client_of_his_interest_is_readable(self):
        self.set_scope("own")
        client = self.clients[self.s_spb]
        with self.assertRaises(AccessError):
            client.with_user(self.s_msk1).read(["name"])
        self.leads[self.s_msk1].partner_id = client
        client.with_user(self.s_msk1).read(["name"])
        self.assertNotIn(client, self.seen(self.s_msk, "res.partner", client))

    def test_the_client_of_his_interest_stays_readable_when_given_away(self):
        """The rule keeps as constants only the clients of his interests whose salesperson
        his view does not reach (the others it reads by their salesperson), once per
        transaction: a client of his interest given to someone outside his view stays
        readable at once, in the list and for Odoo's check in Python of the card."""
        self.set_scope("department")
        client = self.clients[self.s_msk1]
        self.leads[self.head_msk].partner_id = client
        self.assertIn(client, self.seen(self.head_msk, "res.partner", client))
        client.with_user(self.admin_sales).user_id = self.s_spb
        self.assertIn(client, self.seen(self.head_msk, "res.partner", client))
        client.with_user(self.head_msk).read(["name"])
        # without his interest, the card leaves his view
        other = self.clients[self.s_spb]
        self.assertNotIn(other, self.seen(self.head_msk, "res.partner", other))
        # his interest with his own client, the client given away (the rule reads only the
        # interests whose client has another salesperson: this one's flag follows the client)
        own = self.clients[self.s_msk]
        self.leads[self.s_msk].partner_id = own
        self.assertFalse(self.leads[self.s_msk].crm_access_client_elsewhere)
        own.with_user(self.admin_sales).user_id = self.s_spb
        self.assertTrue(self.leads[self.s_msk].crm_access_client_elsewhere)
        self.assertIn(own, self.seen(self.s_msk, "res.partner", own))
        own.with_user(self.s_msk).read(["name"])
        self.leads[self.s_msk].partner_id = other
        self.assertNotIn(own, self.seen(self.s_msk, "res.partner", own))

    def test_the_teams_work_his_view_reaches_passes_the_check_of_the_rows_read(self):
        """An interest of a salesman outside his view, in the team of one of his people: the
        head finds it, and Odoo's check in Python of the rows he reads agrees (it asked who
        sees the team, its leader alone, and refused him)."""
        self.set_scope("department")
        team = self.env["crm.team"].create({"name": "Команда СПб", "user_id": self.s_spb.id})
        lead = self.leads[self.s_msk1]
        lead.team_id = team
        self.assertIn(lead, self.seen(self.head_spb))
        lead.with_user(self.head_spb).check_access("read")
        self.assertTrue(lead.with_user(self.head_spb).has_access("write"))
        self.assertFalse(self.leads[self.s_msk].with_user(self.head_spb).has_access("read"))

    def test_who_sees_his_clients_on_the_user_form(self):
        self.set_scope("department")
        viewers = self.s_msk1.with_user(self.admin_sales).crm_access_viewer_ids
        self.assertIn(self.head_msk, viewers)
        self.assertIn(self.director, viewers)
        self.assertIn(self.admin_sales, viewers)
        self.assertNotIn(self.head_spb, viewers)
