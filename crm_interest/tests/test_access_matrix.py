"""The guard of issue 9: every model and public method of our addons, as each role, over RPC.

The tables are in `<addon>/tests/access_matrix.py` of every installed addon of this repository;
the format is in `access_matrix_common`. Each cell runs as its user over JSON-RPC,
both `/json/2/<model>/<method>` (the user's API key) and Odoo's classic `/jsonrpc` (service
"object", `execute_kw` with the user's id and API key as password), inside a savepoint that
is rolled back.
"""

import json
import logging
from contextlib import closing

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from . import access_matrix_common as matrix

_logger = logging.getLogger(__name__)

TRANSPORTS = ("json2", "jsonrpc")
# the roles whose records the matrix's records are (the salesman owns them, the sales
# administrator manages company 1): a method allowed to their groups must not refuse them
OWNERS = ("salesman", "sales_admin")
CRUD = {
    "r": "read",
    "w": "write",
    "c": "create",
    "u": "unlink",
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.addons = matrix.our_addons(cls.env)
        cls.tables = matrix.load_tables(cls.addons)
        (cls.rows, cls.origin, cls.methods, cls.method_kwargs, cls.field_writes) = (
            matrix.merged_rows(cls.tables)
        )
        cls.users, cls.keys, cls.base_records = matrix.make_users(cls.env)

    # ------------------------------------------------------------------ helpers
    def _records(self):
        records = dict(self.base_records)
        for table in self.tables.values():
            if table is None:
                continue
            if hasattr(table, "make_records"):  # a glue addon without models may have none
                records.update(table.make_records(self.env, self.users, records))
        self.env.flush_all()
        return records

    def _table_of(self, model):
        return self.tables[self.origin[model]]

    def _rpc(self, role, model, method, **params):
        """(outcome, detail): outcome is "ok", "access" (AccessError), "refused" (UserError,
        ValidationError) or "error" (anything else: a crash, a missing argument)."""
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.addons.rpc.controllers.json2"):
            response = self.url_open(
                f"/json/2/{model}/{method}",
                data=json.dumps(params),
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {self.keys[role]}",
                },
                timeout=60,
            )
        if response.status_code == 200:
            return "ok", response.json()
        try:
            body = response.json()
        except ValueError:
            return "error", f"HTTP {response.status_code}: {response.text[:200]}"
        name = body.get("name", "")
        message = f"{name}: {body.get('message', '')}"[:300]
        if name in matrix.REFUSALS:
            return ("access" if name == matrix.ACCESS_ERROR else "refused"), message
        return "error", f"HTTP {response.status_code} {message}"

    def _rpc_classic(self, role, model, method, args, kwargs=None):
        """The same call through Odoo's classic JSON-RPC (`/jsonrpc`, service "object",
        `execute_kw` with the user's id and password: his API key), same outcomes as `_rpc`."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.users[role].id,
                    self.keys[role],
                    model,
                    method,
                    args,
                    kwargs or {},
                ],
            },
        }
        with mute_logger(
            "odoo.http", "odoo.sql_db", "odoo.service.model", "odoo.addons.rpc.controllers.jsonrpc"
        ):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=60,
            )
        if response.status_code != 200:
            return "error", f"HTTP {response.status_code}: {response.text[:200]}"
        body = response.json()
        if "error" not in body:
            return "ok", body.get("result")
        data = body["error"].get("data") or {}
        name = data.get("name", "")
        message = f"{name}: {data.get('message', '')}"[:300]
        if name in matrix.REFUSALS:
            return ("access" if name == matrix.ACCESS_ERROR else "refused"), message
        return "error", f"jsonrpc {message}"

    def _call(self, transport, role, model, method, params, api_model=False):
        """Call `method` with the /json/2 `params` through `transport` ("json2" or
        "jsonrpc"): the record ids are the first positional argument of the classic call."""
        if transport == "json2":
            return self._rpc(role, model, method, **params)
        params = dict(params)
        ids = params.pop("ids", None)
        if method == "create":
            return self._rpc_classic(role, model, method, [params.pop("vals_list")], params)
        args = [] if api_model and ids is None else [ids or []]
        return self._rpc_classic(role, model, method, args, params)

    def _rows_written(self):
        """Rows inserted, updated or deleted so far in this transaction (the test server's
        requests run in it), rolled back or not."""
        self.env.cr.execute(
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
        )
        return self.env.cr.fetchone()[0]

    def _rpc_writes(self, role, model, method, transport="json2", api_model=False, **params):
        """(outcome, detail, rows written by the call)."""
        before = self._rows_written()
        outcome, detail = self._call(transport, role, model, method, params, api_model)
        return outcome, detail, self._rows_written() - before

    def _in_savepoint(self, call):
        self.env.flush_all()
        with closing(self.env.cr.savepoint()):
            result = call()
        self.env.invalidate_all()
        return result

    def _check_values(self, model, records, problems):
        """create_values/write_values must be valid as the superuser, else a refusal proves
        nothing. None (or a SQL view) = the operation is refused to every role, sent empty."""
        Model = self.env[model]
        if not Model._auto or Model._abstract:
            create_vals = write_vals = None
        else:
            table = self._table_of(model)
            create_vals = table.create_values(self.env, self.users, model, records)
            write_vals = table.write_values(self.env, self.users, model, records)
        for letter, label, vals, call in (
            ("c", "create_values", create_vals, lambda: Model.create(create_vals)),
            ("w", "write_values", write_vals, lambda: records[model].write(write_vals)),
        ):
            if vals is None:
                allowed = [r for r, v in self.rows[model].items() if letter in v]
                if allowed:
                    problems.append(f"{model}: no {label} but {letter} allowed to {allowed}")
                continue
            try:
                self._in_savepoint(lambda call=call: (call(), self.env.flush_all()))
            except Exception as exc:  # reported as a row problem
                problems.append(f"{model}: {label} fail as superuser: {exc}")
        return create_vals, write_vals

    # ------------------------------------------------------------------ tests
    def test_every_model_and_method_has_a_row(self):
        """A model or a public method of ours without a row fails."""
        self.assertIn("crm_interest", self.addons)
        missing_tables = [a for a, t in self.tables.items() if t is None]
        self.assertFalse(missing_tables, f"addons without tests/access_matrix.py: {missing_tables}")
        models = matrix.our_models(self.env, set(self.addons))
        missing = sorted(set(models) - set(self.rows))
        self.assertFalse(
            missing,
            "models of our addons without a row in MODELS: "
            + ", ".join(f"{m} ({'/'.join(models[m])})" for m in missing),
        )
        incomplete = {
            model: sorted(set(matrix.ROLES) ^ set(row))
            for model, row in self.rows.items()
            if set(row) != set(matrix.ROLES)
            or any(
                len(v) != 4 or any(c not in ("-", o) for c, o in zip(v, "rwcu", strict=True))
                for v in row.values()
            )
        }
        self.assertFalse(
            incomplete, f"rows without exactly the 7 roles and 'rwcu' answers: {incomplete}"
        )
        # a row for a model that does not exist is a typo; a row for a model our code no longer
        # extends is only run (the work of several people lands in any order)
        unknown = sorted(model for model in self.rows if model not in self.env)
        self.assertFalse(unknown, f"rows for models that do not exist: {unknown}")
        methods = matrix.our_methods(self.env, set(self.addons), models)
        missing = sorted(methods - set(self.methods))
        self.assertFalse(
            missing,
            "public methods of our models without a METHODS entry (list the groups, or make "
            "them private): " + ", ".join(f"{m}.{n}" for m, n in missing),
        )
        unknown = sorted(
            (model, method)
            for model, method in self.methods
            if model not in self.env or not callable(getattr(type(self.env[model]), method, None))
        )
        self.assertFalse(unknown, f"METHODS entries for methods that do not exist: {unknown}")
        for key, (groups, addon) in self.methods.items():
            self.assertTrue(
                groups == "all"
                or (
                    isinstance(groups, list | tuple)
                    and groups
                    and all(self.env.ref(g) for g in groups)
                ),
                f"{addon}: METHODS[{key}] must be 'all' or a non-empty list of group xml ids",
            )

    def test_access_matrix_over_rpc(self):
        """Every model x role x (read, write, create, unlink) as the table says."""
        records = self._records()
        problems, observed = [], {}
        for model in sorted(self.rows):
            if model not in records:
                problems.append(f"{model}: make_records of {self.origin[model]} gave no record")
                continue
            record = records[model]
            create_vals, write_vals = self._check_values(model, records, problems)
            observed[model] = {}
            for role in matrix.ROLES:
                expected = self.rows[model][role]
                answer = ""
                # every cell through both RPC paths: /json/2 and the classic /jsonrpc
                for transport in TRANSPORTS:
                    for letter, expect in zip("rwcu", expected, strict=True):
                        params = {
                            "r": {"ids": record.ids, "fields": ["display_name"]},
                            "w": {"ids": record.ids, "vals": write_vals or {}},
                            "c": {"vals_list": [create_vals or {}]},
                            "u": {"ids": record.ids},
                        }[letter]
                        outcome, detail = self._in_savepoint(
                            lambda role=role, model=model, method=CRUD[letter], params=params, t=(transport): (
                                self._call(t, role, model, method, params)
                            )
                        )
                        if outcome == "ok" and letter == "r" and not detail:
                            outcome, detail = "refused", "read returned no row"
                        got = letter if outcome == "ok" else "-"
                        if transport == TRANSPORTS[0]:
                            answer += got if outcome != "error" else "!"
                        if outcome == "error" or got != expect:
                            problems.append(
                                f"{model} [{self.origin[model]}] as {role} over {transport}: "
                                f"{CRUD[letter]} expected "
                                f"{'allowed' if expect != '-' else 'refused'}, got "
                                f"{'allowed' if outcome == 'ok' else detail}"
                            )
                observed[model][role] = answer
        _logger.info(
            "access matrix observed:\n%s",
            "\n".join(
                f"{model}: " + " ".join(f"{r}={v}" for r, v in row.items())
                for model, row in observed.items()
            ),
        )
        self.assertFalse(problems, "access matrix:\n" + "\n".join(problems))

    def test_public_methods_over_rpc(self):
        """Every public method called as every role (over /json/2 or the classic /jsonrpc):
        refused ones raise AccessError/UserError (nothing kept), allowed ones are not
        refused for access."""
        records = self._records()
        # the count of rows written sees what a call over RPC writes (else "nothing written"
        # below would prove nothing)
        lead = records["crm.lead"]
        outcome, _detail, written = self._in_savepoint(
            lambda: self._rpc_writes(
                "salesman", "crm.lead", "write", ids=lead.ids, vals={"description": "Matrix"}
            )
        )
        self.assertEqual(outcome, "ok")
        self.assertGreater(written, 0)
        problems = []
        for (model, method), (groups, addon) in sorted(self.methods.items()):
            if model not in records:
                problems.append(f"{model}.{method}: no record of {model} from make_records")
                continue
            Model = self.env[model]
            func = getattr(type(Model), method, None)
            if func is None:
                problems.append(f"{model}.{method} [{addon}]: no such method")
                continue
            params = {}
            if not getattr(func, "_api_model", False):
                params["ids"] = records[model].ids
            kwargs = self.method_kwargs.get((model, method))
            if kwargs:
                params.update(kwargs(self.env, self.users, records))
            api_model = bool(getattr(func, "_api_model", False))
            # a wizard is its creator's only (the salesman made them)
            owners = OWNERS[:1] if Model._transient else OWNERS
            for index, role in enumerate(matrix.ROLES):
                # every role; the roles alternate between /json/2 and the classic /jsonrpc
                transport = TRANSPORTS[index % len(TRANSPORTS)]
                allowed = matrix.allowed_for(self.users[role], groups)
                outcome, detail, written = self._in_savepoint(
                    lambda role=role, params=params, model=model, method=method, t=(transport), api=api_model: (
                        self._rpc_writes(role, model, method, transport=t, api_model=api, **params)
                    )
                )
                who = f"{model}.{method} [{addon}] as {role} over {transport}"
                if outcome == "error" and ("HTTP 422" in str(detail) or "TypeError" in str(detail)):
                    problems.append(f"{who}: cannot be called, give METHOD_KWARGS: {detail}")
                elif allowed and outcome == "access" and role in owners:
                    # the records are theirs: allowed by its groups, never refused for access
                    # (another role may be refused by the record rules of what it touches)
                    problems.append(f"{who}: listed as allowed, refused: {detail}")
                elif allowed or outcome in ("access", "refused"):
                    continue
                elif role != "salesman" and _is_window(detail) and not written:
                    # a window description handed to another role, nothing written: the
                    # records behind it are checked when the window reads them
                    continue
                else:
                    problems.append(
                        f"{who}: must be refused ({groups}), got {outcome} "
                        f"({written} rows written): {str(detail)[:200]}"
                    )
        self.assertFalse(problems, "public methods:\n" + "\n".join(problems))

    def test_guarded_fields_over_rpc(self):
        """Fields whose change is reserved (FIELD_WRITES) written over RPC by the salesman and
        by the sales administrator: refused to who is not listed, not refused for access to
        who is."""
        records = self._records()
        problems = []
        for (model, field), (spec, addon) in sorted(self.field_writes.items()):
            record = spec["record"](self.env, self.users, records)
            vals = {field: spec["value"]}
            try:
                self._in_savepoint(lambda record=record, vals=vals: record.write(vals))
            except Exception as exc:  # reported as a row problem
                problems.append(f"{model}.{field} [{addon}]: value refused to superuser: {exc}")
                continue
            for role in ("salesman", "sales_admin"):
                allowed = matrix.allowed_for(self.users[role], spec["groups"])
                outcome, detail = self._in_savepoint(
                    lambda role=role, model=model, record=record, vals=vals: self._rpc(
                        role, model, "write", ids=record.ids, vals=vals
                    )
                )
                who = f"{model}.{field} [{addon}] written by {role}"
                if allowed and outcome == "access":
                    problems.append(f"{who}: listed as allowed, refused: {detail}")
                elif not allowed and outcome not in ("access", "refused"):
                    problems.append(f"{who}: must be refused ({spec['groups']}), got {outcome}")
        self.assertFalse(problems, "guarded fields:\n" + "\n".join(problems))


def _is_window(result):
    return isinstance(result, dict) and str(result.get("type", "")).startswith("ir.actions.")
