from odoo.tests import TransactionCase, new_test_user

from ..pure import bpmn


def sale_drawing():
    """The typical sale: qualification, offer, a choice, a condition, split/join, a nested map."""
    return bpmn.build(
        "Process_sale",
        "Typical sale",
        [
            ("S", "start", "Start"),
            ("A", "action", "Qualification"),
            ("B", "action", "Offer"),
            ("C", "choice", "Does the client agree?"),
            ("K", "condition", "Big deal?"),
            ("PS", "split", "Approval"),
            ("L", "action", "Legal check"),
            ("F", "action", "Finance check"),
            ("PJ", "join", "Approved"),
            ("N", "nested", "Contract"),
            ("O", "action", "Create customer order"),
            ("W", "end", "Won"),
            ("X", "end", "Lost"),
        ],
        [
            ("a1", "S", "A"),
            ("a2", "A", "B"),
            ("a3", "B", "C"),
            ("F_yes", "C", "K", "Yes"),
            ("F_no", "C", "X", "No"),
            ("F_big", "K", "PS", "Big", '[("expected_revenue", ">", 1000)]'),
            ("F_small", "K", "O", "Small"),
            ("p1", "PS", "L"),
            ("p2", "PS", "F"),
            ("p3", "L", "PJ"),
            ("p4", "F", "PJ"),
            ("p5", "PJ", "N"),
            ("p6", "N", "O"),
            ("a9", "O", "W"),
        ],
    )


def contract_drawing():
    return bpmn.build(
        "Process_contract",
        "Contract approval",
        [("cs", "start", "Start"), ("ca", "action", "Sign the contract"), ("ce", "end", "Signed")],
        [("c1", "cs", "ca"), ("c2", "ca", "ce")],
    )


class RoutemapCase(TransactionCase):
    """A scenario driven by the typical sale map (with a nested contract map), two salesmen,
    a sales manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env, "rm_salesman", groups="sales_team.group_sale_salesman", name="Ivan Salesman"
        )
        cls.salesman2 = new_test_user(
            cls.env, "rm_salesman2", groups="sales_team.group_sale_salesman", name="Petr Salesman"
        )
        cls.manager = new_test_user(
            cls.env, "rm_manager", groups="sales_team.group_sale_manager", name="Sergey Manager"
        )
        cls.lawyer = new_test_user(
            cls.env, "rm_lawyer", groups="sales_team.group_sale_salesman", name="Anna Lawyer"
        )
        Stage = cls.env["crm.stage"]
        cls.scenario = cls.env["crm.interest.scenario"].create(
            {"name": "Route-map sale", "process_kind": "manual"}
        )
        cls.st_qual, cls.st_offer, cls.st_approve, cls.st_order, cls.st_won = (
            Stage.create(
                {
                    "name": name,
                    "sequence": 2000 + index,
                    "scenario_id": cls.scenario.id,
                    "is_won": name == "Won",
                }
            )
            for index, name in enumerate(("Qualification", "Offer", "Approval", "Order", "Won"))
        )
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})
        cls.contract = cls.make_map(contract_drawing(), "Contract approval", target="independent")
        cls.contract.action_activate()
        cls.routemap = cls.make_map(sale_drawing(), "Typical sale")
        cls.routemap.action_activate()
        cls.scenario.process_kind = "routemap"

    @classmethod
    def make_map(cls, drawing, name, target="interest", settings=None):
        Routemap = cls.env["crm.routemap"]
        values = {"name": name, "target": target, "xml": bpmn.to_xml(drawing)}
        if target == "interest":
            values.update(
                scenario_id=cls.scenario.id,
                interest_kind="controlling",
                allow_termination=True,
                termination_stage_id=cls.st_qual.id,
            )
        routemap = Routemap.create(values)
        if target == "interest":
            cls.configure(routemap, settings)
        return routemap

    @classmethod
    def configure(cls, routemap, settings=None):
        defaults = {
            "A": {"stage_id": cls.st_qual.id, "duration": 1},
            "B": {"stage_id": cls.st_offer.id, "ask_result_text": True},
            "C": {"stage_id": cls.st_offer.id},
            "L": {
                "stage_id": cls.st_approve.id,
                "performer_rule": "user",
                "performer_user_id": cls.lawyer.id,
            },
            "F": {"stage_id": cls.st_order.id},
            "N": {"called_routemap_id": cls.contract.id},
            "O": {"stage_id": cls.st_order.id},
            "W": {"stage_id": cls.st_won.id},
            "X": {
                "stage_id": cls.st_offer.id,
                "end_result": "unsuccessful",
                "lost_reason_id": cls.reason.id,
            },
        }
        defaults.update(settings or {})
        for point in routemap.point_ids:
            if point.element_id in defaults:
                point.write(defaults[point.element_id])
        arrows = {arrow.element_id: arrow for arrow in routemap.arrow_ids}
        if "F_small" in arrows:
            arrows["F_small"].is_default = True
        split = routemap.point_ids.filtered(lambda p: p.element_id == "PS")
        if split and "p1" in arrows:
            split.state_arrow_id = arrows["p1"]

    def new_lead(self, revenue=5000, user=None):
        return (
            self.env["crm.lead"]
            .with_user(user or self.salesman)
            .create(
                {
                    "name": "Pipes for Stroymontazh",
                    "type": "opportunity",
                    "scenario_id": self.scenario.id,
                    "expected_revenue": revenue,
                    "user_id": (user or self.salesman).id,
                }
            )
        )

    def task(self, lead, element):
        tasks = lead.routemap_process_ids.task_ids.filtered(
            lambda t: t.point_id.element_id == element and t.state == "open"
        )
        self.assertEqual(len(tasks), 1, f"one open task at {element}")
        return tasks

    def complete(self, lead, element, user=None, **kwargs):
        task = self.task(lead, element)
        return task.with_user(user or task.user_id).action_complete(**kwargs)

    def arrow(self, element):
        return self.routemap.arrow_ids.filtered(lambda a: a.element_id == element)
