from odoo.addons.crm_interest.tests.common import RefusalMixin
from odoo.tests import TransactionCase, new_test_user


class ClaimCase(RefusalMixin, TransactionCase):
    """Two salesmen with their clients, a sales manager, a department with its manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, "claim_salesman", groups="sales_team.group_sale_salesman", name="Ivan Sales"
        )
        cls.salesman2 = new_test_user(
            cls.env, "claim_salesman2", groups="sales_team.group_sale_salesman", name="Petr Sales"
        )
        cls.manager = new_test_user(
            cls.env, "claim_manager", groups="sales_team.group_sale_manager", name="Sergey Boss"
        )
        cls.quality_user = new_test_user(
            cls.env, "claim_quality", groups="base.group_user", name="Olga Quality"
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Romashka LLC", "is_company": True, "user_id": cls.salesman.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anna Romashkina", "parent_id": cls.client.id}
        )
        cls.client2 = cls.env["res.partner"].create(
            {"name": "Vasilek LLC", "is_company": True, "user_id": cls.salesman2.id}
        )
        cls.head = cls.env["hr.employee"].create(
            {"name": "Olga Quality", "user_id": cls.quality_user.id}
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Quality Control", "manager_id": cls.head.id}
        )
        cls.worker = cls.env["hr.employee"].create(
            {"name": "Boris Packer", "department_id": cls.department.id}
        )
        cls.other_department = cls.env["hr.department"].create({"name": "Logistics"})
        cls.driver = cls.env["hr.employee"].create(
            {"name": "Gleb Driver", "department_id": cls.other_department.id}
        )
        cls.reason = cls.env["crm.claim.reason"].create({"name": "Test: quality"})
        cls.reason_delay = cls.env["crm.claim.reason"].create({"name": "Test: delay"})
        cls.product = cls.env["product.product"].create({"name": "Desk", "list_price": 100.0})
        cls.product2 = cls.env["product.product"].create({"name": "Chair", "list_price": 30.0})

    @classmethod
    def _claim(cls, **vals):
        return cls.env["crm.claim"].create(
            {
                "partner_id": cls.client.id,
                "description": "Scratched desk",
                "reason_id": cls.reason.id,
                "user_id": cls.salesman.id,
                **vals,
            }
        )
