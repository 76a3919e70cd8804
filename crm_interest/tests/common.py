from odoo.tests import TransactionCase, new_test_user


class RefusalMixin:
    def assertRefused(self, exception, text):
        """The call in the block is refused with `exception` naming `text`; nothing is kept."""
        return _Refused(self, exception, text)


class InterestCase(RefusalMixin, TransactionCase):
    """Two scenarios, a team with its leader, two salesmen and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env,
            "interest_salesman",
            groups="sales_team.group_sale_salesman",
            name="Ivan Salesman",
        )
        cls.salesman2 = new_test_user(
            cls.env,
            "interest_salesman2",
            groups="sales_team.group_sale_salesman",
            name="Petr Salesman",
        )
        cls.leader = new_test_user(
            cls.env, "interest_leader", groups="sales_team.group_sale_salesman", name="Olga Leader"
        )
        cls.manager = new_test_user(
            cls.env,
            "interest_manager",
            groups="sales_team.group_sale_manager",
            name="Sergey Manager",
        )
        Stage = cls.env["crm.stage"]
        cls.scenario = cls.env["crm.interest.scenario"].create(
            {"name": "Test sale", "process_kind": "manual"}
        )
        cls.s_contact = Stage.create(
            {"name": "Primary contact", "sequence": 1001, "scenario_id": cls.scenario.id}
        )
        cls.s_needs = Stage.create(
            {"name": "Needs analysis", "sequence": 1002, "scenario_id": cls.scenario.id}
        )
        cls.s_offer = Stage.create(
            {"name": "Commercial offer", "sequence": 1003, "scenario_id": cls.scenario.id}
        )
        cls.s_won = Stage.create(
            {"name": "Won", "sequence": 1004, "is_won": True, "scenario_id": cls.scenario.id}
        )
        cls.other = cls.env["crm.interest.scenario"].create(
            {"name": "Repeat sale", "process_kind": "manual"}
        )
        cls.o_request = Stage.create(
            {"name": "Request", "sequence": 1101, "scenario_id": cls.other.id}
        )
        cls.o_won = Stage.create(
            {"name": "Won", "sequence": 1102, "is_won": True, "scenario_id": cls.other.id}
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Interest team",
                "use_leads": True,
                "user_id": cls.leader.id,
                "member_ids": [(6, 0, (cls.salesman | cls.leader).ids)],
                "interest_scenario_id": cls.scenario.id,
            }
        )
        cls.client = cls.env["res.partner"].create({"name": "Romashka LLC", "is_company": True})
        cls.competitor = cls.env["res.partner"].create(
            {"name": "Vasilek LLC", "is_company": True, "is_competitor": True}
        )

    @classmethod
    def _interest(cls, name="Desks for Romashka", **vals):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": cls.client.id,
                "team_id": cls.team.id,
                "user_id": cls.salesman.id,
                **vals,
            }
        )


class _Refused:
    def __init__(self, case, exception, text):
        self.case, self.exception, self.text = case, exception, text

    def __enter__(self):
        self.cm = self.case.assertRaises(self.exception)
        self.caught = self.cm.__enter__()
        return self.caught

    def __exit__(self, *exc_info):
        suppressed = self.cm.__exit__(*exc_info)
        self.case.assertIn(self.text, str(self.caught.exception))
        return suppressed
