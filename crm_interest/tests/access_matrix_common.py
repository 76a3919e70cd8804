"""The access matrix (issue 9, "the guard"): roles, discovery of our models and methods, tables.

Every installed addon of this repository ships `<addon>/tests/access_matrix.py` (format in
`/work/briefs/ACCESS_MATRIX.md`): MODELS (model -> role -> "rwcu" with "-" where refused),
METHODS ((model, method) -> groups or "all"), make_records, create_values, write_values (an
addon without models of its own leaves these three out) and optionally METHOD_KWARGS. This module finds what our code defines in the registry, so that a
model or a public method added without a row fails the test.
"""

import importlib
import os
from datetime import datetime, timedelta

from odoo import models
from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path
from odoo.service.model import get_public_method
from odoo.tests import new_test_user

ROLES = (
    "salesman",
    "other_salesman",
    "team_leader",
    "sales_admin",
    "claim_participant",
    "portal",
    "other_company",
)
OPERATIONS = "rwcu"

# Errors that are an answer "refused" (a cross-company link is refused by a UserError).
REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}
ACCESS_ERROR = "odoo.exceptions.AccessError"


def repository_root():
    return os.path.dirname(os.path.abspath(get_module_path("crm_interest")))


def our_addons(env):
    """Installed modules named crm_* that live in this repository, dependencies first."""
    root = repository_root()
    modules = (
        env["ir.module.module"]
        .sudo()
        .search([("state", "=", "installed"), ("name", "=like", "crm\\_%")])
    )
    ours = {}
    for module in modules:
        path = get_module_path(module.name, display_warning=False)
        if path and os.path.dirname(os.path.abspath(path)) == root:
            ours[module.name] = set(module.dependencies_id.mapped("name"))
    ordered = []

    def visit(name, seen=()):
        if name in ordered or name not in ours:
            return
        for dep in sorted(ours[name]):
            if dep not in seen:
                visit(dep, (*seen, name))
        ordered.append(name)

    for name in sorted(ours):
        visit(name)
    return ordered


def _definitions(model_cls, addons):
    """The classes written in our addons' code among the classes a model is made of."""
    return [
        klass
        for klass in model_cls.__mro__
        if "pool" not in vars(klass) and vars(klass).get("_module") in addons
    ]


def our_models(env, addons):
    """Concrete models (tables, SQL views and wizards) that our code defines or extends."""
    found = {}
    for name in env.registry:
        model_cls = type(env[name])
        if model_cls._abstract:
            continue
        definitions = _definitions(model_cls, addons)
        if definitions:
            found[name] = sorted({klass._module for klass in definitions})
    return found


def our_methods(env, addons, model_names):
    """(model, method) of every public method our code defines or overrides on those models.

    Public: no leading underscore, not @api.private, not a name of models.BaseModel (the ORM
    API: create, write, read, copy... covered by the model rows)."""
    base_names = set(dir(models.BaseModel))
    found = set()
    for name in model_names:
        model = env[name]
        model_cls = type(model)
        for klass in _definitions(model_cls, addons):
            for attr, value in vars(klass).items():
                if attr.startswith("_") or attr in base_names or not callable(value):
                    continue
                if isinstance(value, type):
                    continue
                try:
                    get_public_method(model, attr)
                except (AccessError, AttributeError):
                    continue
                found.add((name, attr))
    return found


def load_tables(addons):
    """{addon: module} of the access_matrix module of every addon; missing ones are None."""
    tables = {}
    for addon in addons:
        try:
            tables[addon] = importlib.import_module(f"odoo.addons.{addon}.tests.access_matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"odoo.addons.{addon}.tests.access_matrix":
                raise
            tables[addon] = None
    return tables


def merged_rows(tables):
    """The MODELS rows of all addons (the last addon in dependency order wins) and their
    origin, the METHODS entries, the METHOD_KWARGS and the FIELD_WRITES."""
    rows, origin, methods, kwargs, fields = {}, {}, {}, {}, {}
    for addon, table in tables.items():
        if table is None:
            continue
        for key, spec in getattr(table, "FIELD_WRITES", {}).items():
            fields[key] = (spec, addon)
        for model, row in getattr(table, "MODELS", {}).items():
            rows[model] = row
            origin[model] = addon
        for key, groups in getattr(table, "METHODS", {}).items():
            methods[key] = (groups, addon)
        kwargs.update(getattr(table, "METHOD_KWARGS", {}))
    return rows, origin, methods, kwargs, fields


def make_users(env):
    """The seven roles of the matrix, their teams, the client, and an RPC key for each."""
    company = env.ref("base.main_company")
    other_company = env["res.company"].create({"name": "Matrix other company"})
    ctx = {"no_reset_password": True, "mail_create_nosubscribe": True}
    salesman_group = "sales_team.group_sale_salesman"
    users = {
        "salesman": new_test_user(
            env, "matrix_salesman", groups=salesman_group, name="Matrix Salesman", context=ctx
        ),
        "other_salesman": new_test_user(
            env, "matrix_salesman2", groups=salesman_group, name="Matrix Salesman 2", context=ctx
        ),
        "team_leader": new_test_user(
            env, "matrix_leader", groups=salesman_group, name="Matrix Leader", context=ctx
        ),
        "sales_admin": new_test_user(
            env,
            "matrix_sales_admin",
            groups="sales_team.group_sale_manager",
            name="Matrix Sales Administrator",
            context=ctx,
        ),
        "claim_participant": new_test_user(
            env,
            "matrix_participant",
            groups="base.group_user",
            name="Matrix Claim Participant",
            context=ctx,
        ),
        "portal": new_test_user(
            env, "matrix_portal", groups="base.group_portal", name="Matrix Portal", context=ctx
        ),
        "other_company": new_test_user(
            env,
            "matrix_other_company",
            groups=salesman_group,
            name="Matrix Other Company",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
            context=ctx,
        ),
    }
    for role in ROLES:
        if role != "other_company":
            assert users[role].company_id == company, role
    team = env["crm.team"].create(
        {
            "name": "Matrix team",
            "company_id": company.id,
            "user_id": users["team_leader"].id,
            "member_ids": [(6, 0, (users["salesman"] | users["team_leader"]).ids)],
        }
    )
    env["crm.team"].create(
        {
            "name": "Matrix other team",
            "company_id": company.id,
            "member_ids": [(6, 0, users["other_salesman"].ids)],
        }
    )
    client = env["res.partner"].create(
        {
            "name": "Matrix Client LLC",
            "is_company": True,
            "company_id": company.id,
            "user_id": users["salesman"].id,
            "email": "client@matrix.example.com",
        }
    )
    keys = {}
    expiration = datetime.now() + timedelta(days=0.5)
    for role, user in users.items():
        keys[role] = (
            env["res.users.apikeys"]
            .with_user(user)
            ._generate(scope="rpc", name="access matrix", expiration_date=expiration)
        )
    return users, keys, {"crm.team": team, "res.partner": client}


def allowed_for(user, groups):
    """May `user` call a method listed with `groups` ("all" = any internal user)?"""
    if groups == "all":
        return user._is_internal()
    return any(user.has_group(group) for group in groups)


def row(
    salesman, other_salesman, team_leader, sales_admin, claim_participant, portal, other_company
):
    """One MODELS row, the roles in their fixed order, each "rwcu" with "-" where refused."""
    return dict(
        zip(
            ROLES,
            (
                salesman,
                other_salesman,
                team_leader,
                sales_admin,
                claim_participant,
                portal,
                other_company,
            ),
            strict=True,
        )
    )


def product(env, records):
    """A service sold and bought (shared by the addons' tables)."""
    if "_product" not in records:
        records["_product"] = env["product.product"].create(
            {"name": "Matrix service", "type": "service", "list_price": 100, "standard_price": 60}
        )
    return records["_product"]


def sale_order(env, users, records):
    """A quotation of the salesman for the client, from the interest."""
    if "_sale_order" not in records:
        records["_sale_order"] = env["sale.order"].create(
            {
                "partner_id": records["res.partner"].id,
                "user_id": users["salesman"].id,
                "team_id": records["crm.team"].id,
                "opportunity_id": records["crm.lead"].id,
                "company_id": env.ref("base.main_company").id,
                "order_line": [
                    (0, 0, {"product_id": product(env, records).id, "product_uom_qty": 1})
                ],
            }
        )
    return records["_sale_order"]


def sale_order_values(env, users, records):
    return {
        "partner_id": records["res.partner"].id,
        "user_id": users["salesman"].id,
        "team_id": records["crm.team"].id,
        "opportunity_id": records["crm.lead"].id,
        "company_id": env.ref("base.main_company").id,
    }


def invoice_values(env, users, records):
    return {
        "move_type": "out_invoice",
        "partner_id": records["res.partner"].id,
        "invoice_user_id": users["salesman"].id,
        "team_id": records["crm.team"].id,
        "company_id": env.ref("base.main_company").id,
    }


def invoice(env, users, records):
    """A draft customer invoice of the salesman's client."""
    if "_invoice" not in records:
        vals = invoice_values(env, users, records)
        vals["invoice_line_ids"] = [
            (0, 0, {"product_id": product(env, records).id, "quantity": 1, "price_unit": 100})
        ]
        records["_invoice"] = env["account.move"].create(vals)
    return records["_invoice"]


# the salesman's quotation and the draft invoice of his client, as native Odoo answers them
SALE_ORDER_ROW = row("rwc-", "----", "----", "rwcu", "----", "----", "----")
INVOICE_ROW = row("r---", "----", "----", "r---", "----", "----", "----")
