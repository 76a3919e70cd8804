from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InterestCase


@tagged("post_install", "-at_install")
class TestInterestAccess(InterestCase):
    def test_salesman_sees_own_leader_sees_team(self):
        mine = self._interest("Ivan's interest")
        theirs = self._interest(
            "Petr's interest",
            user_id=self.salesman2.id,
            team_id=self.env["crm.team"].create({"name": "Petr team"}).id,
        )
        theirs.write({"scenario_id": self.scenario.id})
        Lead = self.env["crm.lead"]
        self.assertEqual(
            Lead.with_user(self.salesman2).search([("id", "in", (mine | theirs).ids)]), theirs
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.salesman2).read(["name"])
        with self.assertRaises(AccessError):
            mine.demand_line_ids.with_user(self.salesman2).create(
                {"lead_id": mine.id, "name": "Sneaky line"}
            )
        # the team leader reads and moves his salesman's interest, not the other team's
        self.assertEqual(
            Lead.with_user(self.leader).search([("id", "in", (mine | theirs).ids)]), mine
        )
        mine.with_user(self.leader).write({"stage_id": self.s_needs.id})
        self.assertEqual(mine.stage_id, self.s_needs)
        self.assertEqual(
            self.env["crm.interest.stage.history"]
            .with_user(self.leader)
            .search([("lead_id", "in", (mine | theirs).ids)])
            .lead_id,
            mine,
        )
        # the manager sees all
        self.assertEqual(
            Lead.with_user(self.manager).search([("id", "in", (mine | theirs).ids)]), mine | theirs
        )

    def test_salesman_cannot_configure_scenarios(self):
        with self.assertRaises(AccessError):
            self.scenario.with_user(self.salesman).write({"name": "Renamed"})
        self.scenario.with_user(self.manager).write({"name": "Renamed"})
        self.assertEqual(self.scenario.name, "Renamed")

    def test_multi_company_scenarios(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        hidden = self.env["crm.interest.scenario"].create(
            {"name": "Other company scenario", "company_id": other_company.id}
        )
        visible = self.env["crm.interest.scenario"].with_user(self.manager).search([])
        self.assertIn(self.scenario, visible)
        self.assertNotIn(hidden, visible)
