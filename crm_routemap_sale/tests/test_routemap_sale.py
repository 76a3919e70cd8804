from lxml import etree

from odoo import Command
from odoo.addons.crm_routemap.pure import bpmn
from odoo.addons.crm_routemap.tests.common import RoutemapCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRoutemapSale(RoutemapCase):
    """A route-map point whose task creates the interest's customer order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drawing = bpmn.build(
            "Process_order",
            "Order",
            [("os", "start", "Agreed"), ("oo", "action", "Create the order"), ("oe", "end", "Ok")],
            [("o1", "os", "oo"), ("o2", "oo", "oe")],
        )
        cls.ordering = cls.env["crm.routemap"].create(
            {
                "name": "Order",
                "target": "interest",
                "scenario_id": cls.scenario.id,
                "interest_kind": "supporting",
                "xml": bpmn.to_xml(drawing),
            }
        )
        cls.ordering.point_ids.filtered(lambda p: p.kind != "start").stage_id = cls.st_order
        cls.ordering.point_ids.filtered(lambda p: p.element_id == "oo").action_id = cls.env.ref(
            "crm_routemap_sale.action_server_customer_order"
        ).id
        cls.ordering.action_activate()
        cls.client = cls.env["res.partner"].create({"name": "Stroymontazh", "is_company": True})
        cls.product = cls.env["product.product"].create(
            {"name": "Steel pipe", "list_price": 40.0, "type": "consu"}
        )

    def test_the_task_creates_the_customer_order_once(self):
        lead = self.new_lead()
        lead.write(
            {
                "partner_id": self.client.id,
                "demand_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 12, "price_unit": 38.0}
                    )
                ],
            }
        )
        lead.action_routemap_start(self.ordering.id)
        task = lead.routemap_task_ids.filtered(lambda t: t.point_id.element_id == "oo")
        action = task.with_user(self.salesman).action_run_point_action()
        self.assertEqual(action["res_model"], "sale.order")
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual(order.partner_id, self.client)
        self.assertEqual(
            order.order_line.mapped(lambda line: (line.product_id, line.product_uom_qty)),
            [(self.product, 12)],
        )
        # run again: the same order waiting for confirmation opens, no second one
        again = task.with_user(self.salesman).action_run_point_action()
        self.assertEqual(again["res_id"], order.id)
        self.assertEqual(len(lead.order_ids), 1)
        # a salesman who may not change the interest gets no order from it
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman2).action_routemap_customer_order()
        self.assertEqual(len(lead.order_ids), 1)

    def test_the_demo_typical_sale_creates_the_order_at_its_order_point(self):
        first = self.env.ref("crm_routemap.routemap_typical_sale_demo", False)
        if not first:
            self.skipTest("no demo data")
        active = self.env["crm.routemap"].search(
            [("origin_id", "=", first.origin_id.id), ("status", "=", "active")]
        )
        self.assertEqual(active.version, first.version + 1)
        order_point = active.point_ids.filtered(lambda p: p.element_id == "Order")
        self.assertEqual(order_point.action_id.name, "Create the Customer Order")

    def test_the_interest_task_list_offers_the_points_action(self):
        lead = self.new_lead()
        lead.action_routemap_start(self.ordering.id)
        task = lead.with_user(self.salesman).routemap_task_ids.filtered(
            lambda t: t.point_id.element_id == "oo"
        )
        self.assertEqual(task.action_name, "Create the Customer Order")
        arch = self.env["crm.lead"].with_user(self.salesman).get_views([(False, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        buttons = form.xpath(
            "//field[@name='routemap_task_ids']//button[@name='action_run_point_action']"
        )
        self.assertEqual(len(buttons), 1, "the action is offered in the interest's task list")
