from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InteractionCase


@tagged("post_install", "-at_install")
class TestInteractionAccess(InteractionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_client = cls.env["res.partner"].create({"name": "Vasilek LLC", "is_company": True})
        cls.mine = cls._interaction("Ivan's call")
        cls.theirs = cls._interaction(
            "Petr's call", user_id=cls.salesman2.id, partner_id=other_client.id
        )
        # Petr called Ivan's client: Ivan sees it as the client's salesperson
        cls.on_my_client = cls._interaction("Petr calls Ivan's client", user_id=cls.salesman2.id)
        cls.all = cls.mine | cls.theirs | cls.on_my_client
        Task = cls.env["crm.control.task"]
        cls.my_task = Task.create(
            {"control": "fullname", "user_id": cls.salesman.id, "date_deadline": "2030-01-31"}
        )
        cls.their_task = Task.create(
            {"control": "fullname", "user_id": cls.salesman2.id, "date_deadline": "2030-01-31"}
        )

    def _visible(self, user, model="crm.interaction", records=None):
        records = self.all if records is None else records
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_salesman_sees_his_and_his_clients_interactions(self):
        self.assertEqual(self._visible(self.salesman), self.mine | self.on_my_client)
        self.assertEqual(self._visible(self.salesman2), self.theirs | self.on_my_client)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.salesman).read(["name"])
        # the team leader sees his team's, the manager all; where crm_client_access holds
        # the company's client visibility, the leader sees everything about his team's
        # clients too (Petr's call to Ivan's client)
        team_view = self.mine
        if "crm_access_scope" in self.env["res.company"]._fields:
            team_view |= self.on_my_client
        self.assertEqual(self._visible(self.leader), team_view)
        self.assertEqual(self._visible(self.manager), self.all)

    def test_salesman_sees_only_his_tasks_and_cannot_plan(self):
        tasks = self.my_task | self.their_task
        self.assertEqual(self._visible(self.salesman, "crm.control.task", tasks), self.my_task)
        self.assertEqual(self._visible(self.leader, "crm.control.task", tasks), self.my_task)
        self.assertEqual(self._visible(self.manager, "crm.control.task", tasks), tasks)
        with self.assertRaises(AccessError):
            self.their_task.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.env["crm.control.task.plan"].with_user(self.salesman).create({})

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        hidden = self.env["crm.interaction"].create(
            {"name": "Other company call", "company_id": other_company.id,
             "user_id": self.manager.id}
        )  # fmt: skip
        self.assertFalse(self._visible(self.manager, records=hidden))

    def test_wizards_are_their_creators_own(self):
        """A colleague (or a sales administrator) neither reads nor fills in someone else's
        wizard: its values are what the interaction told its creator."""
        wizard = (
            self.env["crm.interaction.create.contact"]
            .with_user(self.salesman)
            .create(
                {
                    "interaction_id": self.mine.id,
                    "name": "Smirnova Anna",
                    "contact_kind": "individual",
                }
            )
        )
        for user in (self.salesman2, self.leader, self.manager):
            with self.assertRaises(AccessError):
                wizard.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                wizard.with_user(user).write({"name": "Changed"})
        self.assertEqual(wizard.with_user(self.salesman).name, "Smirnova Anna")
        plan = self.env["crm.control.task.plan"].with_user(self.manager).create({})
        other_admin = new_test_user(
            self.env, "interaction_manager2", groups="sales_team.group_sale_manager"
        )
        with self.assertRaises(AccessError):
            plan.with_user(other_admin).read(["control"])
