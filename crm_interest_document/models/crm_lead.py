from odoo import _, api, fields, models
from odoo.exceptions import UserError

DOCUMENT_STAGES = [
    ("none", "No Documents"),
    ("quoted", "Quoted"),
    ("ordered", "Ordered"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid"),
]
QUOTATION_STATES = ("draft", "sent")
CUSTOMER_INVOICE_TYPES = ("out_invoice", "out_refund")
PURCHASE_ORDER_STATES = ("purchase",)


def _document_date(document):
    """The date a document's amount is converted at: its order date."""
    return document.date_order and fields.Date.to_date(document.date_order)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    purchase_order_ids = fields.One2many(
        "purchase.order",
        "interest_id",
        string="Supplier Orders",
        copy=False,
        groups="purchase.group_purchase_user",
    )
    invoice_ids = fields.One2many(
        "account.move", "interest_id", string="Invoices", copy=False, readonly=True
    )
    purchase_order_count = fields.Integer(
        string="Number of Supplier Orders",
        compute="_compute_purchase_order_count",
        groups="purchase.group_purchase_user",
    )
    invoice_count = fields.Integer(string="Number of Invoices", compute="_compute_document_counts")
    quoted_amount = fields.Monetary(
        string="Quoted",
        currency_field="company_currency",
        compute="_compute_document_amounts",
        store=True,
        help="Untaxed total of the open quotations (draft or sent) of the interest.",
    )
    ordered_amount = fields.Monetary(
        string="Ordered",
        currency_field="company_currency",
        compute="_compute_document_amounts",
        store=True,
        help="Untaxed total of the confirmed customer orders of the interest.",
    )
    invoiced_amount = fields.Monetary(
        string="Invoiced",
        currency_field="company_currency",
        compute="_compute_document_amounts",
        store=True,
        help="Total, taxes included, of the posted customer invoices of the interest, "
        "credit notes deducted.",
    )
    paid_amount = fields.Monetary(
        string="Paid",
        currency_field="company_currency",
        compute="_compute_document_amounts",
        store=True,
        help="Part of the invoiced total the client has paid.",
    )
    purchased_amount = fields.Monetary(
        string="Purchased",
        currency_field="company_currency",
        compute="_compute_document_amounts",
        store=True,
        help="Untaxed total of the confirmed supplier orders of the interest (shown to "
        "purchase users only: costs are not the salesmen's business).",
        groups="purchase.group_purchase_user",
    )
    document_stage = fields.Selection(
        DOCUMENT_STAGES,
        string="Document Stage",
        compute="_compute_document_amounts",
        store=True,
        help="How far the commercial documents of the interest went: quotation, customer "
        "order, invoice, fully paid invoices.",
    )

    # ------------------------------------------------------------------ computes

    def _compute_purchase_order_count(self):
        purchases = dict(
            self.env["purchase.order"]
            .sudo()
            ._read_group([("interest_id", "in", self.ids)], ["interest_id"], ["__count"])
        )
        for lead in self:
            lead.purchase_order_count = purchases.get(lead, 0)

    @api.depends("invoice_ids")
    def _compute_document_counts(self):
        # figures of the interest, shown to whoever reads it
        invoices = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("interest_id", "in", self.ids), ("move_type", "in", CUSTOMER_INVOICE_TYPES)],
                ["interest_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.invoice_count = invoices.get(lead, 0)

    @api.depends(
        "company_id",
        "order_ids.state",
        "order_ids.amount_untaxed",
        "order_ids.currency_id",
        "order_ids.date_order",
        "invoice_ids.state",
        "invoice_ids.move_type",
        "invoice_ids.amount_total_signed",
        "invoice_ids.amount_residual_signed",
        "purchase_order_ids.state",
        "purchase_order_ids.amount_untaxed",
        "purchase_order_ids.currency_id",
        "purchase_order_ids.date_order",
    )
    def _compute_document_amounts(self):
        today = fields.Date.context_today(self)
        for lead in self:
            company = lead.company_id or self.env.company
            currency = company.currency_id

            def untaxed(documents, company=company, currency=currency):
                # at the rate of the document's own date: a figure that does not drift
                return sum(
                    doc.currency_id._convert(
                        doc.amount_untaxed, currency, company, _document_date(doc) or today
                    )
                    for doc in documents
                )

            orders = lead.order_ids
            invoices = lead.invoice_ids.filtered(
                lambda move: move.state == "posted" and move.move_type in CUSTOMER_INVOICE_TYPES
            )
            lead.quoted_amount = untaxed(orders.filtered(lambda o: o.state in QUOTATION_STATES))
            lead.ordered_amount = untaxed(orders.filtered(lambda o: o.state == "sale"))
            lead.purchased_amount = untaxed(
                lead.sudo().purchase_order_ids.filtered(lambda o: o.state in PURCHASE_ORDER_STATES)
            )
            lead.invoiced_amount = sum(invoices.mapped("amount_total_signed"))
            lead.paid_amount = sum(
                move.amount_total_signed - move.amount_residual_signed for move in invoices
            )
            if invoices:
                paid = all(currency.is_zero(move.amount_residual_signed) for move in invoices)
                lead.document_stage = "paid" if paid else "invoiced"
            elif orders.filtered(lambda o: o.state == "sale"):
                lead.document_stage = "ordered"
            elif orders.filtered(lambda o: o.state in QUOTATION_STATES):
                lead.document_stage = "quoted"
            else:
                lead.document_stage = "none"

    # ------------------------------------------------------------------ checks

    @api.model
    def _interest_demo_won_story(self):
        """Demo: the won standing desks for LightsUp have their commercial offer with the
        assembly service, the confirmed customer order and the posted invoice (whose service
        line makes the completion certificate)."""
        lead = self.env.ref("crm_interest.crm_lead_desks_acme_demo", raise_if_not_found=False)
        service = self.env.ref("product.product_product_furniture", raise_if_not_found=False)
        if not lead or lead.order_ids:
            return
        order = self.env["sale.order"].browse(lead.action_interest_create_quotation()["res_id"])
        if service:
            order.order_line = [
                fields.Command.create(
                    {"product_id": service.id, "product_uom_qty": 1, "price_unit": 400}
                )
            ]
        order.action_confirm()
        for line in order.order_line:  # delivered and assembled
            line.qty_delivered = line.product_uom_qty
        order._create_invoices().action_post()

    def _interest_checklist_answer(self, kind):
        if kind == "offer":  # a commercial offer is a quotation of the interest, kept or sent
            return any(order.state != "cancel" for order in self.sudo().order_ids)
        return super()._interest_checklist_answer(kind)

    def _interest_check_documents(self):
        """Refuse creating documents for this interest when its data do not allow them."""
        self.ensure_one()
        self.check_access("write")
        if self.type != "opportunity":
            raise UserError(
                _('"%s" is a lead: convert it to an interest before creating documents.', self.name)
            )
        if not self.partner_id:
            raise UserError(
                _('Set the client of interest "%s" before creating its documents.', self.name)
            )
        if self.company_id and self.company_id not in self.env.user.company_ids:
            raise UserError(
                _(
                    'Interest "%(interest)s" belongs to company %(company)s, where you do not '
                    "work: its documents are made in that company.",
                    interest=self.name,
                    company=self.company_id.name,
                )
            )

    def _interest_document_refusal(self, document, company, partner=None):
        """Why `document` (of `company`, for `partner`) cannot be linked to this interest.

        A document belongs to the interest's company, and a customer document to a partner
        of the interest's commercial entity (the client company or one of its contacts).
        Returns the translated reason, or None when the link is allowed.
        """
        self.ensure_one()
        if self.company_id and company and company != self.company_id:
            return _(
                '%(document)s belongs to company %(company)s but interest "%(interest)s" to '
                "company %(interest_company)s: documents are linked to an interest of their own "
                "company only.",
                document=document,
                company=company.name,
                interest=self.name,
                interest_company=self.company_id.name,
            )
        entity = self.partner_id.commercial_partner_id
        if partner and entity and partner.commercial_partner_id != entity:
            return _(
                "%(document)s is made for %(partner)s, outside %(entity)s, the client of interest "
                '"%(interest)s": documents of an interest are made for its client or the '
                "client's contacts only.",
                document=document,
                partner=partner.display_name,
                entity=entity.display_name,
                interest=self.name,
            )
        return None

    # ------------------------------------------------------------------ documents

    def _interest_quotation_values(self):
        """Values of a quotation from the primary demand of the interest."""
        self.ensure_one()
        values = {
            key.removeprefix("default_"): value
            for key, value in self._prepare_opportunity_quotation_context().items()
            if key.startswith("default_")
        }
        lines = []
        for demand in self.demand_line_ids:
            if demand.product_id:
                lines.append(
                    {
                        "sequence": demand.sequence,
                        "product_id": demand.product_id.id,
                        "name": demand.name,
                        "product_uom_qty": demand.quantity,
                        "product_uom_id": (demand.product_uom_id or demand.product_id.uom_id).id,
                        "price_unit": demand.price_unit,
                    }
                )
            else:
                lines.append(
                    {"sequence": demand.sequence, "display_type": "line_note", "name": demand.name}
                )
        values["order_line"] = [fields.Command.create(line) for line in lines]
        return values

    def action_interest_create_quotation(self):
        """Create the commercial offer (a quotation) from the primary demand and open it."""
        self.ensure_one()
        self._interest_check_documents()
        if not self.demand_line_ids:
            raise UserError(
                _(
                    'Interest "%s" has no primary demand: fill its Demand tab, then create the '
                    "commercial offer.",
                    self.name,
                )
            )
        order = self.env["sale.order"].create(self._interest_quotation_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "views": [(self.env.ref("sale.view_order_form").id, "form")],
        }

    def _interest_purchase_plan(self):
        """Demand lines by vendor (the product's first supplier) and the lines without one."""
        self.ensure_one()
        company = self.company_id or self.env.company
        by_vendor = {}
        missing = self.env["crm.interest.demand.line"]
        for demand in self.demand_line_ids:
            seller = (
                demand.product_id.with_company(company)._prepare_sellers()[:1]
                if demand.product_id
                else None
            )
            if seller:
                by_vendor.setdefault(seller.partner_id, []).append(demand)
            else:
                missing |= demand
        return by_vendor, missing

    def action_interest_create_purchase_orders(self):
        """Create one request for quotation per vendor from the primary demand.

        Lines whose product has no vendor (or no product) are not dropped silently: they are
        listed in a message on the interest and in the notification.
        """
        self.ensure_one()
        self._interest_check_documents()
        by_vendor, missing = self._interest_purchase_plan()
        missing_text = "\n".join(f"- {line.name.splitlines()[0]}" for line in missing)
        if not by_vendor:
            raise UserError(
                _(
                    'No supplier order created for interest "%(interest)s": none of its demand '
                    "lines has a product with a vendor. Lines without a vendor:\n%(lines)s",
                    interest=self.name,
                    lines=missing_text
                    or _("(the primary demand is empty: fill the Demand tab first)"),
                )
            )
        company = self.company_id or self.env.company
        orders = self.env["purchase.order"].create(
            [
                {
                    "partner_id": vendor.id,
                    "company_id": company.id,
                    "interest_id": self.id,
                    "origin": self.name,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": demand.product_id.id,
                                "product_qty": demand.quantity,
                                "product_uom_id": (
                                    demand.product_uom_id or demand.product_id.uom_id
                                ).id,
                            }
                        )
                        for demand in demands
                    ],
                }
                for vendor, demands in by_vendor.items()
            ]
        )
        action = self._interest_purchase_orders_action(orders)
        if not missing:
            return action
        message = _(
            "Supplier orders %(orders)s created. These demand lines have no vendor and are in "
            "no supplier order:\n%(lines)s",
            orders=", ".join(orders.mapped("name")),
            lines=missing_text,
        )
        self.message_post(body=message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Lines without a vendor"),
                "message": message,
                "type": "warning",
                "sticky": True,
                "next": action,
            },
        }

    # ------------------------------------------------------------------ smart buttons

    @api.readonly
    def action_view_purchase_orders(self):
        self.ensure_one()
        self.env["purchase.order"].check_access("read")
        return self._interest_purchase_orders_action(self.purchase_order_ids)

    def _interest_purchase_orders_action(self, orders):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {
            "default_interest_id": self.id,
            "default_origin": self.name,
            "default_company_id": (self.company_id or self.env.company).id,
        }
        if len(orders) == 1:
            action["views"] = [(self.env.ref("purchase.purchase_order_form").id, "form")]
            action["res_id"] = orders.id
        return action

    @api.readonly
    def action_view_invoices(self):
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda move: move.move_type in CUSTOMER_INVOICE_TYPES)
        action = self.env["ir.actions.actions"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {"create": False, "default_move_type": "out_invoice"}
        if len(invoices) == 1:
            action["views"] = [(self.env.ref("account.view_move_form").id, "form")]
            action["res_id"] = invoices.id
        return action
