import base64
import csv
import io
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..pure import company_numbers

# the template's columns (its first row); a file may leave out any but the name
COLUMNS = ("name", "inn", "kpp", "ogrn", "phone", "email", "city", "street", "responsible")
FIELD_OF = {"inn": "vat"}
RESULTS = [("created", "Created"), ("merged", "Merged"), ("refused", "Refused")]


def read_rows(data, filename):
    """The rows of a CSV (comma or semicolon, UTF-8) or XLSX file as dicts by column."""
    if (filename or "").lower().endswith(".xlsx"):
        import openpyxl  # noqa: PLC0415 (one of Odoo's requirements; only for spreadsheets)

        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        table = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = data.decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
        table = [[v.strip() for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    if not table:
        return []
    header = [h.strip().lower() for h in table[0]]
    return [dict(zip(header, row, strict=False)) for row in table[1:] if any(row)]


class CrmClientImport(models.TransientModel):
    """Clients from a spreadsheet (the template's columns), through the same checks as the
    card: each row is created, merged into the card with its INN and KPP (filling what the card
    lacks, never overwriting it) or refused with its reason; the report lists every row."""

    _name = "crm.client.import"
    _description = "Import Clients"

    file = fields.Binary(required=True)
    filename = fields.Char()
    line_ids = fields.One2many("crm.client.import.line", "import_id", string="Report")
    created_count = fields.Integer(compute="_compute_counts", string="Created")
    merged_count = fields.Integer(compute="_compute_counts", string="Merged")
    refused_count = fields.Integer(compute="_compute_counts", string="Refused")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.depends("line_ids.result")
    def _compute_counts(self):
        for wizard in self:
            results = wizard.line_ids.mapped("result")
            wizard.created_count = results.count("created")
            wizard.merged_count = results.count("merged")
            wizard.refused_count = results.count("refused")

    def action_import(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        Partner.check_access("create")
        try:
            rows = read_rows(base64.b64decode(self.file), self.filename)
        except (ValueError, UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError) as error:
            raise UserError(
                _("The file cannot be read: save it as CSV (UTF-8) or XLSX from the template.")
            ) from error
        if rows and "name" not in rows[0]:
            raise UserError(_('The file has no column "name": start from the template.'))
        lines = []
        for number, row in enumerate(rows, start=2):  # the first row is the header
            result, partner, message = self._import_row(row)
            lines.append(
                {"row": number, "name": row.get("name") or "", "result": result,
                 "partner_id": partner.id, "message": message}
            )  # fmt: skip
        # the report is written by the import alone (its rows are read-only to the user)
        self.sudo().write({"line_ids": [(5, 0, 0)] + [(0, 0, v) for v in lines], "state": "done"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _import_row(self, row):
        """(result, partner, message) of one row."""
        Partner = self.env["res.partner"]
        name = (row.get("name") or "").strip()
        if not name:
            return "refused", Partner, _("The row has no name.")
        values = {"name": name, "is_company": True}
        for column in COLUMNS[1:-1]:
            if row.get(column):
                values[FIELD_OF.get(column, column)] = row[column].strip()
        problem = values.get("vat") and company_numbers.inn_problem(values["vat"])
        if problem:
            probe = Partner.new({**values, "country_id": self.env.ref("base.ru").id})
            return "refused", Partner, probe._client_base_inn_words(problem)
        if row.get("responsible"):
            user = self.env["res.users"].search(
                ["|", ("login", "=", row["responsible"]), ("name", "=", row["responsible"])],
                limit=1,
            )
            if not user:
                return "refused", Partner, _("No user %s to make responsible.", row["responsible"])
            values["user_id"] = user.id
        existing = Partner.browse()
        if values.get("vat"):
            probe = Partner.new(values)
            existing = Partner._client_base_same_inn(probe)
        if existing:
            missing = {
                key: value for key, value in values.items()
                if key not in ("name", "is_company") and not existing[key]
            }  # fmt: skip
            try:
                with self.env.cr.savepoint():
                    existing.with_user(self.env.user).write(missing)
            except Exception as error:  # the row's reason, in the report
                return "refused", Partner, self._reason(error)
            filled = ", ".join(sorted(missing)) or _("nothing new")
            return "merged", existing, _("Merged into the card with this INN: %s.", filled)
        try:
            with self.env.cr.savepoint():
                partner = Partner.create(values)
        except Exception as error:  # the row's reason, in the report
            return "refused", Partner, self._reason(error)
        return "created", partner, ""

    @staticmethod
    def _reason(error):
        args = getattr(error, "args", None)
        return str(args[0]) if args else str(error)

    def action_download_template(self):
        return {
            "type": "ir.actions.act_url",
            "url": "/crm_client_base/static/template/clients_template.csv",
            "target": "download",
        }


class CrmClientImportLine(models.TransientModel):
    _name = "crm.client.import.line"
    _description = "Import Clients: Row"
    _order = "row"

    import_id = fields.Many2one("crm.client.import", required=True, ondelete="cascade")
    row = fields.Integer(readonly=True)
    name = fields.Char(readonly=True)
    result = fields.Selection(RESULTS, readonly=True)
    partner_id = fields.Many2one("res.partner", "Card", readonly=True)
    message = fields.Char(readonly=True)
