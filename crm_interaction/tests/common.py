from odoo.tests import TransactionCase, new_test_user


class InteractionCase(TransactionCase):
    """A team with its leader, two salesmen, a manager and a client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env,
            "interaction_salesman",
            groups="sales_team.group_sale_salesman",
            name="Ivan Salesman",
            email="ivan@example.com",
        )
        cls.salesman2 = new_test_user(
            cls.env,
            "interaction_salesman2",
            groups="sales_team.group_sale_salesman",
            name="Petr Salesman",
        )
        cls.leader = new_test_user(
            cls.env,
            "interaction_leader",
            groups="sales_team.group_sale_salesman",
            name="Olga Leader",
        )
        cls.manager = new_test_user(
            cls.env,
            "interaction_manager",
            groups="sales_team.group_sale_manager",
            name="Sergey Manager",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Interaction team",
                "user_id": cls.leader.id,
                "member_ids": [(6, 0, (cls.salesman | cls.leader).ids)],
            }
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Romashka LLC",
                "is_company": True,
                "email": "info@romashka.example.com",
                "user_id": cls.salesman.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Petrova Marina Sergeevna", "parent_id": cls.client.id}
        )

    @classmethod
    def _interaction(cls, name="Call about desks", **vals):
        return cls.env["crm.interaction"].create(
            {"name": name, "kind": "call", "partner_id": cls.client.id,
             "user_id": cls.salesman.id, **vals}
        )  # fmt: skip
