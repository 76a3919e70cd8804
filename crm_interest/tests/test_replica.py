from odoo.tests import HttpCase, new_test_user, tagged

from .common import InterestCase
from .readonly_common import (
    REPORT_VIEW_TYPES,
    ReplicaMixin,
    is_readonly_rpc,
    our_report_entry_points,
)


@tagged("post_install", "-at_install")
class TestReportsOnReplica(InterestCase, ReplicaMixin):
    """The reports read on the replica: their entry points are read-only for Odoo's RPC and
    every report of every installed addon of ours reads on a read-only cursor."""

    def test_every_report_entry_point_is_read_only(self):
        points = our_report_entry_points(self.registry)
        self.assertIn(("crm.lead", "interest_funnel_report"), points)
        self.assertIn(("res.partner", "action_view_interests_lost"), points)
        self.assertEqual(
            sorted(p for p in points if not is_readonly_rpc(self.registry[p[0]], p[1])), []
        )
        # the lookup is Odoo's: a method that writes is not read-only
        self.assertFalse(is_readonly_rpc(self.registry["crm.lead"], "action_set_won"))

    def test_every_route_of_ours_says_where_it_runs(self):
        # each HTTP route of our addons, and whether it may run on the replica (read-only);
        # a new route is added here with its mode
        modes = {"/crm_softphone/pbx/<int:pbx_id>/events": False}
        ours = {
            rule.rule: rule.endpoint.routing["readonly"]
            for rule in self.env["ir.http"].routing_map().iter_rules()
            if rule.endpoint.func.__module__.startswith("odoo.addons.crm_")
        }
        self.assertEqual(ours, {route: modes[route] for route in ours if route in modes})
        if self.env["ir.module.module"]._get("crm_softphone").state == "installed":
            self.assertIn("/crm_softphone/pbx/<int:pbx_id>/events", ours)

    def test_every_report_entry_point_works_on_a_read_only_cursor(self):
        # as the superuser: a record of every model, whoever's it is (the rights are tested
        # with each report)
        self._interest("Read on the replica")
        called = []
        with self.replica_env(self.env.ref("base.user_root")) as env:
            for model, name in sorted(our_report_entry_points(self.registry)):
                if env[model]._abstract:
                    continue  # its concrete models are in the list
                record = env[model].search([], limit=1, order="id desc")
                if record:
                    with self.subTest(model=model, method=name):
                        self.assertTrue(getattr(record, name)())
                        called.append((model, name))
        self.assertIn(("crm.lead", "interest_funnel_report"), called)
        self.assertIn(("res.partner", "action_view_interests_lost"), called)

    def test_every_report_action_reads_on_a_read_only_cursor(self):
        data = self.env["ir.model.data"].search(
            [("module", "=like", "crm\\_%"), ("model", "=", "ir.actions.act_window")]
        )
        actions = (
            self.env["ir.actions.act_window"]
            .browse(data.mapped("res_id"))
            .filtered(lambda a: set(a.view_mode.split(",")) & set(REPORT_VIEW_TYPES))
        )
        self.assertIn(self.env.ref("crm_interest.crm_lead_action_loss_analysis"), actions)
        admin = self.env.ref("base.user_admin")
        with self.replica_env(admin) as env:
            for action in actions:
                with self.subTest(action=action.name):
                    action = env["ir.actions.act_window"].browse(action.id)
                    self.assertGreater(self.read_report_action(env, action), 0)

    def test_the_funnel_reads_on_a_read_only_cursor_as_each_user(self):
        for user in (self.salesman, self.manager):
            expected = self.env["crm.lead"].with_user(user).interest_funnel_report({})
            with self.replica_env(user) as env:
                self.assertEqual(env["crm.lead"].interest_funnel_report({}), expected)


@tagged("post_install", "-at_install")
class TestFunnelServedOnReplica(HttpCase):
    """Over RPC, as the web client calls it, the funnel is served on a read-only cursor to
    the end: a write there would make Odoo log the retry on a read/write cursor."""

    def test_the_funnel_is_served_read_only(self):
        login = "replica_funnel_salesman"
        new_test_user(self.env, login, groups="sales_team.group_sale_salesman", password=login)
        self.authenticate(login, login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            report = self.make_jsonrpc_request(
                "/web/dataset/call_kw/crm.lead/interest_funnel_report",
                {
                    "model": "crm.lead",
                    "method": "interest_funnel_report",
                    "args": [],
                    "kwargs": {"filters": {}},
                },
            )
        self.assertIn("rows", report)
        self.assertEqual(report["currency_id"], self.env.company.currency_id.id)
