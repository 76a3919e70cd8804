"""Reports on the read replica: what our tests check of the read-only entry points.

Odoo sends a call over RPC (``/web/dataset/call_kw``, ``/web/dataset/call_button``,
``/json/2``) to a read-only cursor, on the replica when ``--db_replica_host`` is set, when the
method is marked ``@api.readonly``; a report's views read through Odoo's own read methods
(``web_search_read``, ``formatted_read_group``...), marked so by Odoo. On a read-only cursor
any write raises: these helpers run each report there, so a report that writes fails."""

import re
from contextlib import contextmanager

from lxml import etree

from odoo import api
from odoo.tools.safe_eval import datetime, safe_eval

# the public entry points of our reports and of the buttons that open them
REPORT_ENTRY_POINT = re.compile(r"^(action_view_\w+|\w+_report)$")
REPORT_VIEW_TYPES = ("pivot", "graph")


def is_readonly_rpc(model_class, name):
    """Whether an RPC call of ``name`` on the model gets a read-only cursor: Odoo's own
    lookup (web's ``DataSet._call_kw_readonly``, rpc's json-2): the first class of the model's
    MRO whose method carries ``_readonly`` says."""
    for cls in model_class.mro():
        method = getattr(cls, name, None)
        if method is not None and hasattr(method, "_readonly"):
            return method._readonly
    return False


def our_report_entry_points(registry):
    """{(model, method)} of the public methods our addons (``crm_*``) define with a report
    entry point's name."""
    found = set()
    for model_name in registry:
        for cls in registry[model_name].mro():
            if not cls.__module__.startswith("odoo.addons.crm_"):
                continue
            for name, value in vars(cls).items():
                if callable(value) and REPORT_ENTRY_POINT.match(name):
                    found.add((model_name, name))
    return found


class ReplicaMixin:
    """For a TransactionCase: an environment on a read-only cursor (the replica's), and the
    reads the web client makes of a report window action."""

    @contextmanager
    def replica_env(self, user, context=None):
        self.env.flush_all()
        with self.enter_registry_test_mode(), self.registry.cursor(readonly=True) as cr:
            self.assertTrue(cr.readonly)
            yield api.Environment(cr, user.id, dict(context or {}))
        self.env.invalidate_all()

    def read_report_action(self, env, action):
        """Read ``action`` (an ir.actions.act_window) as its views do: each of its pivot and
        graph views grouped by its first dimension with its measures, its list view one page
        of its columns. Returns the number of reads made."""
        values = {
            **env["ir.actions.actions"]._get_eval_context(),
            "context_today": datetime.datetime.now,
        }
        context = safe_eval(action.context or "{}", values)
        domain = safe_eval(action.domain or "[]", values)
        Model = env[action.res_model].with_context(active_test=context.get("active_test", True))
        # the action's own views (a report often names its pivot and graph), else the default
        action_views = [
            (view_id, view_type)
            for view_id, view_type in action.views
            if view_type in (*REPORT_VIEW_TYPES, "list")
        ]
        views = Model.get_views(action_views)["views"]
        reads = 0
        for _view_id, view_type in action_views:
            arch = etree.fromstring(views[view_type]["arch"])
            fields = [f for f in arch.iter("field") if f.get("name") in Model._fields]
            if view_type == "list":
                Model.web_search_read(domain, {f.get("name"): {} for f in fields}, limit=80)
            else:
                groupby = [
                    f.get("name") + (f":{f.get('interval')}" if f.get("interval") else "")
                    for f in fields
                    if f.get("type") in ("row", "col", None)
                ][:1]
                aggregates = [
                    f"{f.get('name')}:{Model._fields[f.get('name')].aggregator or 'sum'}"
                    for f in fields
                    if f.get("type") == "measure"
                ]
                Model.formatted_read_group(domain, groupby, [*aggregates, "__count"])
            reads += 1
        return reads
